'use client';

import { useState, useTransition } from 'react';
import { formMessage, type FormState } from '@/lib/forms';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import { Field, Input, Select } from '../ui/field';
import { Notice } from '../ui/notice';
import { PLATFORM_OPTIONS } from '@/lib/platforms';

type Role = 'brand' | 'influencer' | 'fan';

const ROLES: { value: Role; title: string; body: string }[] = [
  { value: 'brand', title: 'Brand', body: 'Run campaigns and measure influencer ROI with your team.' },
  { value: 'influencer', title: 'Creator', body: 'Show your reach, find campaigns and work with brands.' },
  { value: 'fan', title: 'Fan', body: 'Follow the creators you love.' },
];

/**
 * Role chooser and sign-up. On success it says to open the emailed link: the account is created
 * when the address is confirmed, and the answer never tells whether the address had an account.
 */
export function SignUpForm({ initialRole, action }: { initialRole: Role; action: (data: FormData) => Promise<FormState> }) {
  const [role, setRole] = useState<Role>(initialRole);
  const [state, setState] = useState<FormState>({ ok: false });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fe = state.fieldErrors ?? {};

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await action(data);
      setState(result);
      if (result.ok) setSentTo(String(data.get('email')));
    });
  }

  if (sentTo)
    return (
      <div className="space-y-4" data-testid="sign-up-sent">
        <Notice tone="success">
          Check your inbox: we sent an email to {sentTo}. Open the link in it to finish creating your account (it works for 24 hours).
        </Notice>
        <p className="text-sm text-gray-600">
          No email after a few minutes? Look in the spam folder, or{' '}
          <button type="button" className="font-medium text-indigo-600 hover:text-indigo-500" onClick={() => setSentTo(null)}>
            sign up again
          </button>
          .
        </p>
      </div>
    );

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <fieldset>
        <legend className="text-sm font-medium text-gray-900">I am a…</legend>
        <div className="mt-2 grid grid-cols-3 gap-2">
          {ROLES.map((r) => (
            <label
              key={r.value}
              className={cn(
                'cursor-pointer rounded-lg p-3 ring-1 ring-inset',
                role === r.value ? 'bg-indigo-50 ring-2 ring-indigo-600' : 'ring-gray-300 hover:bg-gray-50',
              )}
            >
              <input
                type="radio"
                name="role"
                value={r.value}
                checked={role === r.value}
                onChange={() => setRole(r.value)}
                className="sr-only"
              />
              <span className="block text-sm font-semibold text-gray-900">{r.title}</span>
              <span className="mt-1 block text-xs leading-4 text-gray-600">{r.body}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {formMessage(state, ['name', 'organizationName', 'category', 'platform', 'handle', 'email', 'password']) ? (
        <Notice tone="error" testId="sign-up-error">
          {formMessage(state, ['name', 'organizationName', 'category', 'platform', 'handle', 'email', 'password'])}
        </Notice>
      ) : null}

      <Field label="Your name" htmlFor="name" error={fe.name}>
        <Input id="name" name="name" autoComplete="name" required invalid={!!fe.name} />
      </Field>
      {role === 'brand' ? (
        <Field
          label="Brand or company"
          htmlFor="organizationName"
          error={fe.organizationName}
          hint="Your organization; you will be its owner and can invite your team."
        >
          <Input id="organizationName" name="organizationName" autoComplete="organization" required invalid={!!fe.organizationName} />
        </Field>
      ) : null}
      {role === 'influencer' ? (
        <>
          <Field label="Niche" htmlFor="category" error={fe.category} hint="What you create about, e.g. travel, beauty, gaming.">
            <Input id="category" name="category" invalid={!!fe.category} />
          </Field>
          <div className="grid grid-cols-5 gap-3">
            <div className="col-span-2">
              <Field label="Main platform" htmlFor="platform" error={fe.platform}>
                <Select id="platform" name="platform" defaultValue="">
                  <option value="">—</option>
                  {PLATFORM_OPTIONS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <div className="col-span-3">
              <Field label="Handle" htmlFor="handle" error={fe.handle}>
                <Input id="handle" name="handle" placeholder="@yourname" invalid={!!fe.handle} />
              </Field>
            </div>
          </div>
        </>
      ) : null}
      <Field label="Email" htmlFor="email" error={fe.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required invalid={!!fe.email} />
      </Field>
      <Field label="Password" htmlFor="password" error={fe.password} hint="At least 10 characters. A passphrase of a few words works well.">
        <Input id="password" name="password" type="password" autoComplete="new-password" required invalid={!!fe.password} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
    </form>
  );
}
