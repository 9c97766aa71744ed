import Link from 'next/link';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { Notice } from '@/components/ui/notice';
import { resetPasswordAction } from '../actions';

export const metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">Choose a new password</h1>
      <div className="mt-8">
        {token ? (
          <ResetPasswordForm token={token} action={resetPasswordAction} />
        ) : (
          <Notice tone="error">
            This page needs the link from your reset email.{' '}
            <Link href="/forgot-password" className="font-medium underline">
              Request a new link
            </Link>
            .
          </Notice>
        )}
      </div>
    </>
  );
}
