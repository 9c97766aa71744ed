import Link from 'next/link';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { requestPasswordResetAction } from '../actions';

export const metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">Reset your password</h1>
      <p className="mt-1 text-sm text-gray-500">We will email you a link to choose a new one.</p>
      <div className="mt-8">
        <ForgotPasswordForm action={requestPasswordResetAction} />
      </div>
      <p className="mt-6 text-center text-sm">
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
