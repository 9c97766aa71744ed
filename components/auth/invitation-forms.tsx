'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useActionState, useEffect, useState, useTransition } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';
import { Button } from '../ui/button';
import { Field, Input } from '../ui/field';
import { Notice } from '../ui/notice';
import { SubmitButton } from '../ui/submit-button';

type AcceptState = FormState & { orgSlug?: string };

/** Accept as the signed-in user, then open the organization. */
export function AcceptInvitationForm({
  token,
  action,
}: {
  token: string;
  action: (prev: AcceptState, data: FormData) => Promise<AcceptState>;
}) {
  const router = useRouter();
  const [state, formAction] = useActionState(action, initialFormState as AcceptState);
  useEffect(() => {
    if (state.ok && state.orgSlug) {
      router.replace(`/o/${state.orgSlug}`);
      router.refresh();
    }
  }, [state, router]);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.message && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <SubmitButton className="w-full" pendingLabel="Joining…">
        Accept invitation
      </SubmitButton>
    </form>
  );
}

/** Create the invited account (email fixed by the invitation), then sign in. */
export function InvitationSignUpForm({
  token,
  email,
  action,
}: {
  token: string;
  email: string;
  action: (data: FormData) => Promise<FormState & { email?: string }>;
}) {
  const router = useRouter();
  const [state, setState] = useState<FormState>(initialFormState);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await action(data);
      if (!result.ok) return setState(result);
      const res = await signIn('credentials', { email, password: String(data.get('password')), redirect: false });
      router.replace(res?.error ? `/sign-in?joined=1&email=${encodeURIComponent(email)}` : '/home');
      router.refresh();
    });
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {formMessage(state, ['name', 'password']) ? <Notice tone="error">{formMessage(state, ['name', 'password'])}</Notice> : null}
      <Field label="Email" htmlFor="email">
        <Input id="email" value={email} disabled readOnly />
      </Field>
      <Field label="Your name" htmlFor="name" error={state.fieldErrors?.name}>
        <Input id="name" name="name" autoComplete="name" required />
      </Field>
      <Field label="Password" htmlFor="password" error={state.fieldErrors?.password} hint="At least 10 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account and join'}
      </Button>
    </form>
  );
}
