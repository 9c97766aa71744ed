import Link from 'next/link';
import { VerifyEmailForm } from '@/components/auth/verify-email-form';
import { Notice } from '@/components/ui/notice';
import { verifyEmailAction } from '../actions';

export const metadata = { title: 'Confirm your email address' };

/**
 * The page of the emailed confirmation link. Confirming takes a click, so a mail scanner that
 * opens links does not confirm an address on the person's behalf.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">Confirm your email address</h1>
      <div className="mt-8">
        {token ? (
          <VerifyEmailForm token={token} action={verifyEmailAction} />
        ) : (
          <Notice tone="error">
            This page needs the link from your confirmation email.{' '}
            <Link href="/home" className="font-medium underline">
              Sign in
            </Link>{' '}
            to ask for a new one.
          </Notice>
        )}
      </div>
    </>
  );
}
