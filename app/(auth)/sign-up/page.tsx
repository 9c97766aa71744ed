import { redirect } from 'next/navigation';
import { getRequestCtx } from '@/lib/auth/request-context';
import Link from 'next/link';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { signUpAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ role?: string }> }) {
  if ((await getRequestCtx()).actor) redirect('/home');
  const { role } = await searchParams;
  const initialRole = role === 'influencer' || role === 'fan' ? role : 'brand';
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">Create your Reachboard account</h1>
      <p className="mt-1 text-sm text-gray-500">
        Already have one?{' '}
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500">
          Sign in
        </Link>
      </p>
      <div className="mt-8">
        <SignUpForm initialRole={initialRole} action={signUpAction} />
      </div>
    </>
  );
}
