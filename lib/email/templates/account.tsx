import { z } from 'zod';
import { ActionButton, EmailLayout, Paragraph } from './layout';

const url = z.url({ protocol: /^https?$/ });
const name = z.string().trim().min(1).max(200);

/** Props of the welcome email, sent once the address is confirmed. */
export const welcomeProps = z.object({ name, role: z.enum(['brand', 'influencer', 'fan']), url });

const NEXT_STEP: Record<z.infer<typeof welcomeProps>['role'], string> = {
  brand:
    'Your organization is waiting for approval by a Reachboard admin. Meanwhile you can import your first export and invite your team.',
  influencer: 'Complete your profile and add your social accounts so brands can find you.',
  fan: 'Find the creators you like and follow them.',
};

/** Welcome: what to do first for the person's role. */
export function WelcomeEmail(p: z.infer<typeof welcomeProps>) {
  return (
    <EmailLayout preview="Your Reachboard account is ready" title="Welcome to Reachboard">
      <Paragraph>{`Welcome, ${p.name}. Your email address is confirmed.`}</Paragraph>
      <Paragraph>{NEXT_STEP[p.role]}</Paragraph>
      <ActionButton label="Open Reachboard" url={p.url} />
    </EmailLayout>
  );
}

/** Props of the email-address confirmation. */
export const emailVerificationProps = z.object({ name, url });

/** Email verification: a link valid for 24 hours. */
export function EmailVerificationEmail(p: z.infer<typeof emailVerificationProps>) {
  return (
    <EmailLayout preview="Confirm your email address to finish signing up" title="Confirm your email address">
      <Paragraph>{`Hi ${p.name},`}</Paragraph>
      <Paragraph>
        Confirm that this is your email address to finish setting up your Reachboard account. The link expires in 24 hours.
      </Paragraph>
      <ActionButton label="Confirm my email address" url={p.url} />
      <Paragraph>If you did not sign up for Reachboard, ignore this email.</Paragraph>
    </EmailLayout>
  );
}

/** Props of the email sent instead of a confirmation when someone signs up with an address that has an account. */
export const accountExistsProps = z.object({ name, signInUrl: url, resetUrl: url });

/** Someone signed up with an address that already has an account: sign in or reset, or ignore. */
export function AccountExistsEmail(p: z.infer<typeof accountExistsProps>) {
  return (
    <EmailLayout preview="Someone tried to create an account with this address" title="You already have a Reachboard account">
      <Paragraph>{`Hi ${p.name},`}</Paragraph>
      <Paragraph>
        Someone tried to create a Reachboard account with this email address. It already has an account, so nothing was created.
      </Paragraph>
      <ActionButton label="Sign in" url={p.signInUrl} />
      <Paragraph>{`Forgot your password? Choose a new one: ${p.resetUrl}`}</Paragraph>
      <Paragraph>If it was not you, ignore this email: your account is unchanged.</Paragraph>
    </EmailLayout>
  );
}

/** Props of the password-reset email. */
export const passwordResetProps = z.object({ name, url });

/** Password reset: a single-use link valid for one hour. */
export function PasswordResetEmail(p: z.infer<typeof passwordResetProps>) {
  return (
    <EmailLayout preview="A link to choose a new password, valid for 1 hour" title="Reset your password">
      <Paragraph>{`Hi ${p.name},`}</Paragraph>
      <Paragraph>
        Someone asked to reset the password of your Reachboard account. The link below works once and expires in 1 hour.
      </Paragraph>
      <ActionButton label="Choose a new password" url={p.url} />
      <Paragraph>If it was not you, ignore this email: your password stays as it is.</Paragraph>
    </EmailLayout>
  );
}

/** Props of the team invitation. */
export const invitationProps = z.object({
  orgName: name,
  inviterName: name,
  role: z.enum(['owner', 'manager', 'viewer']),
  url,
});

/** Team invitation: valid for seven days. */
export function InvitationEmail(p: z.infer<typeof invitationProps>) {
  return (
    <EmailLayout preview={`${p.inviterName} invited you to ${p.orgName}`} title={`Join ${p.orgName}`}>
      <Paragraph>{`${p.inviterName} invited you to join ${p.orgName} on Reachboard as a ${p.role}.`}</Paragraph>
      <ActionButton label="Accept the invitation" url={p.url} />
      <Paragraph>The invitation expires in 7 days.</Paragraph>
    </EmailLayout>
  );
}
