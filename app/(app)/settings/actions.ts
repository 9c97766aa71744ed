'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { changePassword } from '@/lib/accounts/change-password';
import { resendEmailVerification } from '@/lib/accounts/email-verification';
import { signOutEverywhere } from '@/lib/accounts/sign-out-everywhere';
import { updateProfile } from '@/lib/accounts/update-profile';
import { SESSION_COOKIES } from '@/lib/auth/request-context';
import { getRequestCtx } from '@/lib/auth/request-context';
import { toFormState, type FormState } from '@/lib/forms';
import { updateEmailPreferences } from '@/lib/notifications/update-email-preferences';

export async function updateProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await updateProfile({ ctx: await getRequestCtx(), input: { name: String(formData.get('name') ?? '') } });
    revalidatePath('/', 'layout');
    return { ok: true, message: 'Profile saved.' };
  } catch (error) {
    return toFormState(error);
  }
}

/** Changes the password; every session, this one included, ends, so the client signs out next. */
export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await changePassword({
      ctx: await getRequestCtx(),
      input: { currentPassword: String(formData.get('currentPassword') ?? ''), newPassword: String(formData.get('newPassword') ?? '') },
    });
    return { ok: true, message: 'Password changed. Sign in again with your new password.' };
  } catch (error) {
    return toFormState(error);
  }
}

/** Saves which notification kinds are also emailed (checked `enabled` boxes). */
export async function emailPreferencesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await updateEmailPreferences({ ctx: await getRequestCtx(), input: { enabled: formData.getAll('enabled').map(String) } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/settings');
  return { ok: true, message: 'Email preferences saved.' };
}

/** Emails the signed-in user a new link to confirm their address. */
export async function resendEmailVerificationAction(): Promise<FormState> {
  try {
    const sent = await resendEmailVerification({ ctx: await getRequestCtx(), input: undefined });
    return sent
      ? { ok: true, message: 'A new confirmation link is on its way. It works for 24 hours.' }
      : { ok: true, message: 'Your email address is already confirmed.' };
  } catch (error) {
    return toFormState(error);
  }
}

/** Ends every session of the account, this one included, then goes to sign-in. */
export async function signOutEverywhereAction(): Promise<FormState> {
  try {
    await signOutEverywhere({ ctx: await getRequestCtx(), input: undefined });
  } catch (error) {
    return toFormState(error);
  }
  const store = await cookies();
  for (const name of SESSION_COOKIES) store.delete(name);
  redirect('/sign-in?signedOut=1');
}
