import Link from 'next/link';
import { AcceptInvitationForm, InvitationSignUpForm } from '@/components/auth/invitation-forms';
import { ButtonLink } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getInvitation } from '@/lib/orgs/get-invitation';
import { acceptInvitationAction, acceptInvitationAsNewUserAction } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Invitation' };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ctx = await getRequestCtx();
  const invitation = await getInvitation({ ctx, input: { token } });
  if (!invitation) {
    return (
      <>
        <h1 className="text-xl font-semibold text-gray-900">Invitation not valid</h1>
        <div className="mt-6">
          <Notice tone="error">
            This invitation is invalid, already used, revoked or expired. Ask the person who invited you for a new one.
          </Notice>
        </div>
      </>
    );
  }
  const self = `/invitations/${encodeURIComponent(token)}`;
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">Join {invitation.orgName}</h1>
      <p className="mt-1 text-sm text-gray-500">
        You are invited as a <span className="font-medium text-gray-900">{invitation.role}</span> ({invitation.email}).
      </p>
      <div className="mt-8">
        {ctx.actor ? (
          ctx.actor.email === invitation.email ? (
            <AcceptInvitationForm token={token} action={acceptInvitationAction} />
          ) : (
            <Notice tone="warning">
              You are signed in as {ctx.actor.email}, but this invitation is for {invitation.email}. Sign out and sign in with that account.
            </Notice>
          )
        ) : invitation.accountExists ? (
          <ButtonLink
            className="w-full"
            href={`/sign-in?callbackUrl=${encodeURIComponent(self)}&email=${encodeURIComponent(invitation.email)}`}
          >
            Sign in to accept
          </ButtonLink>
        ) : (
          <InvitationSignUpForm token={token} email={invitation.email} action={acceptInvitationAsNewUserAction} />
        )}
      </div>
      <p className="mt-6 text-center text-xs text-gray-500">
        Not expecting this? You can ignore it.{' '}
        <Link href="/" className="underline">
          About Reachboard
        </Link>
      </p>
    </>
  );
}
