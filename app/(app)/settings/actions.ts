'use server';

import { cookies } from 'next/headers';
import { changePassword } from '@/lib/accounts/change-password';
import { resendEmailVerification } from '@/lib/accounts/email-verification';
import { signOutEverywhere } from '@/lib/accounts/sign-out-everywhere';
import { updateProfile } from '@/lib/accounts/update-profile';
import { formAction } from '@/lib/actions/form-action';
import { SESSION_COOKIES } from '@/lib/auth/request-context';
import type { FormState } from '@/lib/forms';
import { updateEmailPreferences } from '@/lib/notifications/update-email-preferences';

/** Saves the user's name. */
export async function updateProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => updateProfile({ ctx, input: { name: v.name ?? '' } }), {
    revalidate: { layout: '/' },
    success: 'Profile saved.',
  });
}

/** Changes the password; every session, this one included, ends, so the client signs out next. */
export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => changePassword({ ctx, input: { currentPassword: v.currentPassword ?? '', newPassword: v.newPassword ?? '' } }),
    // Passwords are never sent back to the page.
    { success: 'Password changed. Sign in again with your new password.', keepValues: false },
  );
}

/** Saves which notification kinds are also emailed (checked `enabled` boxes). */
export async function emailPreferencesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx) => updateEmailPreferences({ ctx, input: { enabled: formData.getAll('enabled').map(String) } }), {
    revalidate: '/settings',
    success: 'Email preferences saved.',
    keepValues: false,
  });
}

/** Emails the signed-in user a new link to confirm their address. */
export async function resendEmailVerificationAction(): Promise<FormState> {
  return formAction(undefined, (ctx) => resendEmailVerification({ ctx, input: undefined }), {
    success: (sent) =>
      sent ? 'A new confirmation link is on its way. It works for 24 hours.' : 'Your email address is already confirmed.',
  });
}

/** Ends every session of the account, this one included, then goes to sign-in. */
export async function signOutEverywhereAction(): Promise<FormState> {
  return formAction(
    undefined,
    async (ctx) => {
      await signOutEverywhere({ ctx, input: undefined });
      const store = await cookies();
      for (const name of SESSION_COOKIES) store.delete(name);
    },
    { redirectTo: () => '/sign-in?signedOut=1' },
  );
}
