import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../connect';
import { emailOutbox } from '../schema';
import { signUp } from '@/lib/accounts/sign-up';
import type { SignUpInput } from '@/lib/accounts/schemas';
import { verifyEmail } from '@/lib/accounts/email-verification';
import type { SignUpResult } from '@/lib/accounts/sign-up';
import { systemCtx } from '@/lib/context';

/**
 * Signs up and opens the emailed confirmation link, as a person does: the account exists once
 * the link is opened. Reads the link from the outbox table directly (never the public mailbox).
 */
export async function confirmedSignUp(db: Db, input: SignUpInput): Promise<SignUpResult> {
  await signUp({ ctx: systemCtx('seed'), input });
  const [mail] = await db
    .select({ text: emailOutbox.text })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, input.email.trim().toLowerCase()), eq(emailOutbox.kind, 'email_verification')))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  const token = decodeURIComponent(mail!.text.match(/\/verify-email\?token=([^\s]+)/)![1]);
  const { created } = await verifyEmail({ ctx: systemCtx('seed'), input: { token } });
  return created!;
}
