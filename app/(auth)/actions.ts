'use server';

import { verifyEmail } from '@/lib/accounts/email-verification';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { resetPassword } from '@/lib/accounts/reset-password';
import { signUp } from '@/lib/accounts/sign-up';
import { getRequestCtx } from '@/lib/auth/request-context';
import { formValues, toFormState, type FormState } from '@/lib/forms';
import { acceptInvitation, acceptInvitationAsNewUser } from '@/lib/orgs/accept-invitation';

/** Starts a sign-up: the same answer whether or not the address has an account (see signUp). */
export async function signUpAction(formData: FormData): Promise<FormState> {
  try {
    await signUp({ ctx: await getRequestCtx(), input: formValues(formData) as never });
    return { ok: true };
  } catch (error) {
    return toFormState(error);
  }
}

export async function requestPasswordResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await requestPasswordReset({ ctx: await getRequestCtx(), input: { email: String(formData.get('email') ?? '') } });
    return { ok: true, message: 'If an account uses this email, a reset link is on its way. It works once and expires in 1 hour.' };
  } catch (error) {
    return toFormState(error);
  }
}

export async function resetPasswordAction(
  _prev: FormState & { email?: string },
  formData: FormData,
): Promise<FormState & { email?: string }> {
  try {
    const { email } = await resetPassword({
      ctx: await getRequestCtx(),
      input: { token: String(formData.get('token') ?? ''), password: String(formData.get('password') ?? '') },
    });
    return { ok: true, email };
  } catch (error) {
    return toFormState(error);
  }
}

export async function acceptInvitationAction(
  _prev: FormState & { orgSlug?: string },
  formData: FormData,
): Promise<FormState & { orgSlug?: string }> {
  try {
    const { orgSlug } = await acceptInvitation({ ctx: await getRequestCtx(), input: { token: String(formData.get('token') ?? '') } });
    return { ok: true, orgSlug };
  } catch (error) {
    return toFormState(error);
  }
}

/** Creates the invited brand account and joins; the client then signs in. */
export async function acceptInvitationAsNewUserAction(formData: FormData): Promise<FormState & { email?: string }> {
  try {
    const { email } = await acceptInvitationAsNewUser({
      ctx: await getRequestCtx(),
      input: {
        token: String(formData.get('token') ?? ''),
        name: String(formData.get('name') ?? ''),
        password: String(formData.get('password') ?? ''),
      },
    });
    return { ok: true, email };
  } catch (error) {
    return toFormState(error);
  }
}

/** Confirms an email address with the token of the emailed link. */
export async function verifyEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { email, created } = await verifyEmail({ ctx: await getRequestCtx(), input: { token: String(formData.get('token') ?? '') } });
    return created
      ? {
          ok: true,
          message: `Your account is ready: ${email} is confirmed. Sign in to continue.`,
          values: { next: `/sign-in?joined=1&email=${encodeURIComponent(email)}`, nextLabel: 'Sign in' },
        }
      : { ok: true, message: `${email} is confirmed.` };
  } catch (error) {
    return toFormState(error);
  }
}
