import { redirect } from 'next/navigation';
import { getRequestCtx } from '@/lib/auth/request-context';
import Link from 'next/link';
import { Suspense } from 'react';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata = { title: 'Sign in' };

export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  if ((await getRequestCtx()).actor) redirect('/home');
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">Sign in to Reachboard</h1>
      <p className="mt-1 text-sm text-gray-500">
        New here?{' '}
        <Link href="/sign-up" className="font-medium text-indigo-600 hover:text-indigo-500">
          Create an account
        </Link>
      </p>
      <div className="mt-8">
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </>
  );
}
