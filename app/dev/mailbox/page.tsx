import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { formatRelative } from '@/components/ui/format';
import { Logo } from '@/components/ui/logo';
import { EmptyState } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listOutbox } from '@/lib/email/list-outbox';
import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Development mailbox', robots: { index: false } };

const LINK = /https?:\/\/[^\s]+/g;

/** Emails captured while no RESEND_API_KEY is set (development and tests only). */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!getEnv().mailboxEnabled) notFound();
  const { to } = await searchParams;
  const emails = await listOutbox({ ctx: await getRequestCtx(), input: { to } });
  return (
    <div className="min-h-full bg-gray-50">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between px-6 py-4">
          <Logo />
          <Badge tone="amber">Development mailbox</Badge>
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-6 py-8">
        <h1 className="text-xl font-semibold text-gray-900">{to ? `Emails to ${to}` : 'All captured emails'}</h1>
        <p className="mt-1 text-sm text-gray-500">
          No email provider is configured (RESEND_API_KEY is unset), so emails are kept here instead of being sent.
        </p>
        <form className="mt-4 flex gap-2">
          <input
            name="to"
            defaultValue={to ?? ''}
            placeholder="Filter by recipient"
            className="w-72 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-gray-300"
          />
          <button className="rounded-md bg-white px-3 py-2 text-sm font-semibold ring-1 ring-inset ring-gray-300">Filter</button>
        </form>
        <div className="mt-6 space-y-4">
          {emails.length === 0 ? <EmptyState title="No emails yet" /> : null}
          {emails.map((email) => (
            <article key={email.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" data-testid="email">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold text-gray-900" data-testid="email-subject">
                  {email.subject}
                </h2>
                <span className="text-xs text-gray-500">{formatRelative(email.createdAt)}</span>
              </div>
              <p className="text-sm text-gray-500">
                To <span data-testid="email-to">{email.to}</span> · {email.kind}
              </p>
              <details className="mt-3 rounded-md ring-1 ring-gray-200">
                <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-gray-700">HTML version</summary>
                {/* No scripts, no same-origin access: the email renders as it would in a mail client. */}
                <iframe
                  sandbox=""
                  srcDoc={email.html}
                  title={`HTML of ${email.subject}`}
                  className="h-[640px] w-full rounded-b-md bg-white"
                />
              </details>
              <pre className="mt-3 whitespace-pre-wrap font-mono text-xs leading-5 text-gray-700" data-testid="email-text">
                {email.text}
              </pre>
              <ul className="mt-3 space-y-1">
                {[...new Set(email.text.match(LINK) ?? [])].map((href) => (
                  <li key={href}>
                    <a href={href} className="break-all text-sm font-medium text-indigo-600 hover:underline" data-testid="email-link">
                      {href}
                    </a>
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </div>
      </main>
    </div>
  );
}
