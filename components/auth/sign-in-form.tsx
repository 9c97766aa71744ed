'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, useTransition } from 'react';
import { safeCallback } from '@/lib/auth/safe-callback';
import { Button } from '../ui/button';
import { Field, Input } from '../ui/field';
import { Notice } from '../ui/notice';

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const notice = params.get('reset')
    ? 'Your password was changed. Sign in with the new one.'
    : params.get('joined')
      ? 'Your account is ready. Sign in to continue.'
      : params.get('signedOut')
        ? 'You are signed out on every device.'
        : null;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const res = await signIn('credentials', {
        email: String(data.get('email')),
        password: String(data.get('password')),
        redirect: false,
      });
      if (!res || res.error) {
        setError(res?.error && res.error !== 'CredentialsSignin' ? res.error : 'Email or password is incorrect.');
        return;
      }
      router.replace(safeCallback(params.get('callbackUrl'), window.location.origin));
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? (
        <Notice tone="error" testId="sign-in-error">
          {error}
        </Notice>
      ) : null}
      <Field label="Email" htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={params.get('email') ?? ''} />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <div className="flex items-center justify-end">
        <Link href="/forgot-password" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Forgot your password?
        </Link>
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
