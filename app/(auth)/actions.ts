'use server';

import { verifyEmail } from '@/lib/accounts/email-verification';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { resetPassword } from '@/lib/accounts/reset-password';
import { signUp } from '@/lib/accounts/sign-up';
import { formAction } from '@/lib/actions/form-action';
import type { FormState } from '@/lib/forms';
import { acceptInvitation, acceptInvitationAsNewUser } from '@/lib/orgs/accept-invitation';

// Forms with a password never get their values back (keepValues: false).

/** Starts a sign-up: the same answer whether or not the address has an account (see signUp). */
export async function signUpAction(formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, input) => signUp({ ctx, input }), { success: { ok: true }, keepValues: false });
}

/** Emails a password-reset link (the same answer whether or not the address has an account). */
export async function requestPasswordResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => requestPasswordReset({ ctx, input: { email: v.email ?? '' } }), {
    success: 'If an account uses this email, a reset link is on its way. It works once and expires in 1 hour.',
  });
}

/** Sets a new password with the emailed token; the client then signs in with `email`. */
export async function resetPasswordAction(
  _prev: FormState & { email?: string },
  formData: FormData,
): Promise<FormState & { email?: string }> {
  let email: string | undefined;
  const state = await formAction(
    formData,
    async (ctx, v) => ({ email } = await resetPassword({ ctx, input: { token: v.token ?? '', password: v.password ?? '' } })),
    { success: { ok: true }, keepValues: false },
  );
  return state.ok ? { ...state, email } : state;
}

/** Joins the invitation's organization as the signed-in user; the client then opens it. */
export async function acceptInvitationAction(
  _prev: FormState & { orgSlug?: string },
  formData: FormData,
): Promise<FormState & { orgSlug?: string }> {
  let orgSlug: string | undefined;
  const state = await formAction(
    formData,
    async (ctx, v) => ({ orgSlug } = await acceptInvitation({ ctx, input: { token: v.token ?? '' } })),
    { success: { ok: true }, keepValues: false },
  );
  return state.ok ? { ...state, orgSlug } : state;
}

/** Creates the invited brand account and joins; the client then signs in. */
export async function acceptInvitationAsNewUserAction(formData: FormData): Promise<FormState & { email?: string }> {
  let email: string | undefined;
  const state = await formAction(
    formData,
    async (ctx, v) =>
      ({ email } = await acceptInvitationAsNewUser({
        ctx,
        input: { token: v.token ?? '', name: v.name ?? '', password: v.password ?? '' },
      })),
    { success: { ok: true }, keepValues: false },
  );
  return state.ok ? { ...state, email } : state;
}

/** Confirms an email address with the token of the emailed link. */
export async function verifyEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => verifyEmail({ ctx, input: { token: v.token ?? '' } }), {
    keepValues: false,
    success: ({ email, created }) =>
      created
        ? {
            ok: true,
            message: `Your account is ready: ${email} is confirmed. Sign in to continue.`,
            values: { next: `/sign-in?joined=1&email=${encodeURIComponent(email)}`, nextLabel: 'Sign in' },
          }
        : { ok: true, message: `${email} is confirmed.` },
  });
}
