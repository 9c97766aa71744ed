'use client';

import Link from 'next/link';
import { useActionState, useCallback, useEffect, useRef, useState } from 'react';
import { OfferStatusBadge } from '@/components/offers/offer-status-badge';
import { Notice } from '@/components/ui/notice';
import { formatMoney } from '@/lib/money';
import { initialFormState, type FormState } from '@/lib/forms';
import type { ConversationView, ThreadMessage } from '@/lib/inbox/get-conversation';
import { dateTimeFormat } from '@/lib/text/formatters';

/** How often the open thread asks for new messages and receipts, in milliseconds. */
const POLL_MS = 3_000;

const time = (iso: string) =>
  dateTimeFormat({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';

function Bubble({ m }: { m: ThreadMessage }) {
  return (
    <li className={m.fromMe ? 'flex justify-end' : 'flex justify-start'} data-testid="message">
      <div className="max-w-[75%]">
        <div
          className={
            m.fromMe
              ? 'rounded-2xl rounded-br-sm bg-indigo-600 px-4 py-2 text-sm text-white'
              : 'rounded-2xl rounded-bl-sm bg-white px-4 py-2 text-sm text-gray-900 ring-1 ring-gray-200'
          }
        >
          {/* Rendered as text: React escapes it; line breaks kept with CSS. */}
          <p className="whitespace-pre-wrap break-words" data-testid="message-body">
            {m.body}
          </p>
          {m.offer ? (
            <Link
              href={`/offers/${m.offer.id}`}
              className="mt-2 flex items-center justify-between gap-3 rounded-lg bg-white px-3 py-2 text-gray-900 ring-1 ring-gray-200"
              data-testid="offer-card"
            >
              <span className="text-xs">
                <span className="block font-semibold">{m.campaignName ?? 'Offer'}</span>
                {formatMoney(m.offer.feeMinor, m.offer.currency)}
              </span>
              <OfferStatusBadge status={m.offer.status} />
            </Link>
          ) : null}
        </div>
        <p className={`mt-1 text-[11px] text-gray-500 ${m.fromMe ? 'text-right' : ''}`}>
          {m.fromMe ? null : `${m.senderName ?? (m.senderSide === 'brand' ? 'Brand' : 'Influencer')} · `}
          {time(m.createdAt)}
          {m.fromMe ? (
            <span data-testid="seen-receipt" className={m.seenAt ? 'text-indigo-500' : undefined}>
              {' '}
              · {m.seenAt ? `Seen ${time(m.seenAt)}` : 'Sent'}
            </span>
          ) : null}
        </p>
      </div>
    </li>
  );
}

/**
 * An open conversation: messages oldest first, polled every few seconds (new messages and seen
 * receipts appear without a reload) and a composer bound to `send`.
 */
export function ConversationThread({
  initial,
  send,
  maxLength,
}: {
  initial: ConversationView;
  send: (prev: FormState, data: FormData) => Promise<FormState>;
  maxLength: number;
}) {
  const [view, setView] = useState(initial);
  const [state, action, pending] = useActionState(send, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  const endRef = useRef<HTMLLIElement>(null);
  const refresh = useCallback(async () => {
    const res = await fetch(`/api/conversations/${initial.id}`, { cache: 'no-store' });
    if (res.ok) setView(await res.json());
  }, [initial.id]);
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  useEffect(() => {
    if (state.ok) {
      formRef.current?.reset();
      // refresh() sets state only once its fetch resolves: no render cascades from here.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      void refresh();
    }
  }, [state, refresh]);
  const count = view.messages.length;
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [count]);
  // What the thread shows is read: tell the server (a POST; reading the thread changes nothing).
  const lastIncoming = view.messages.findLast((m) => !m.fromMe)?.id;
  useEffect(() => {
    if (lastIncoming && document.visibilityState === 'visible')
      void fetch(`/api/conversations/${initial.id}/read`, { method: 'POST' }).then(
        () => undefined,
        () => undefined,
      );
  }, [initial.id, lastIncoming]);
  return (
    <div className="flex h-[calc(100vh-14rem)] min-h-96 flex-col rounded-lg bg-gray-50 ring-1 ring-gray-200">
      <ol className="flex-1 space-y-3 overflow-y-auto p-4" data-testid="thread">
        {view.messages.length === 0 ? <li className="text-center text-sm text-gray-500">No messages yet. Say hello.</li> : null}
        {view.messages.map((m) => (
          <Bubble key={m.id} m={m} />
        ))}
        <li ref={endRef} aria-hidden />
      </ol>
      {view.canSend ? (
        <form ref={formRef} action={action} className="border-t border-gray-200 bg-white p-3" data-testid="composer">
          <div className="flex items-end gap-2">
            <label htmlFor="body" className="sr-only">
              Message
            </label>
            <textarea
              id="body"
              name="body"
              rows={2}
              maxLength={maxLength}
              required
              defaultValue={state.ok ? '' : (state.values?.body ?? '')}
              placeholder={`Message ${view.counterpart}`}
              className="block w-full resize-none rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  formRef.current?.requestSubmit();
                }
              }}
            />
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
            >
              {pending ? 'Sending…' : 'Send'}
            </button>
          </div>
          {!state.ok && state.message ? (
            <div className="mt-2">
              <Notice tone="error">{state.message}</Notice>
            </div>
          ) : null}
        </form>
      ) : (
        <p className="border-t border-gray-200 bg-white p-3 text-sm text-gray-500">Viewers can read conversations; managers reply.</p>
      )}
    </div>
  );
}
