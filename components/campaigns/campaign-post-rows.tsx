'use client';

import Link from 'next/link';
import { ValueCell } from '@/components/analytics/unknown';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { TableBody } from '@/components/ui/table';
import { formatDate, formatMoney, formatNumber } from '@/components/ui/format';
import { SubmitButton } from '@/components/ui/submit-button';
import type { CampaignPostRow } from '@/lib/campaigns/get-campaign-report';
import type { FormState } from '@/lib/forms';

type PostAction = (prev: FormState, data: FormData) => Promise<FormState>;

/** What each row offers a manager: a Remove button (inside the page's one unlink form), or Confirm and Reject of a keyword match. */
export type PostRowActions = { kind: 'remove' } | { kind: 'review'; campaignId: string; confirm: PostAction; reject: PostAction } | null;

const compact = (v: number | null) => formatNumber(v, { compact: true });

/** One decision on a keyword match: a form sending the campaign and the post to `action`. */
function ReviewForm(props: { action: PostAction; campaignId: string; postId: string; variant: 'secondary' | 'ghost'; label: string }) {
  return (
    <ActionForm action={props.action}>
      <input type="hidden" name="campaignId" value={props.campaignId} />
      <input type="hidden" name="postId" value={props.postId} />
      <SubmitButton variant={props.variant} pendingLabel="…">
        {props.label}
      </SubmitButton>
    </ActionForm>
  );
}

/**
 * A campaign's posts as table rows: the post (linking to its drilldown) with its influencer,
 * platform, date and how it joined the campaign; views, reach, engagements, conversions and
 * revenue (in `currency`), "—" when unknown; and `actions`. A client component given the rows as
 * data (components/analytics/roster-rows.tsx says why); the actions are passed once, not per row.
 */
export function CampaignPostRows({
  rows,
  slug,
  currency,
  actions,
}: {
  rows: CampaignPostRow[];
  slug: string;
  currency: string;
  actions: PostRowActions;
}) {
  const money = (v: number | null) => formatMoney(v === null ? null : Math.round(v), currency);
  return (
    <TableBody>
      {rows.map((p) => (
        <tr key={p.postId} className="hover:bg-gray-50">
          <td className="max-w-sm px-4 py-3">
            <Link href={`/o/${slug}/posts/${p.postId}`} className="line-clamp-1 font-medium text-gray-900 hover:text-indigo-600">
              {p.title ?? 'Untitled post'}
            </Link>
            <p className="text-xs text-gray-500">
              <Link href={`/o/${slug}/influencers/${p.influencerId}`} className="hover:text-gray-900">
                {p.influencerName}
              </Link>{' '}
              · {p.platform} @{p.handle} · {formatDate(p.postDate)} ·{' '}
              <Badge tone={p.source === 'hashtag' ? 'amber' : 'gray'}>{p.source === 'hashtag' ? 'keyword match' : p.source}</Badge>
              {p.firstParty ? (
                <>
                  {' '}
                  <Badge tone="green">first-party</Badge>
                </>
              ) : null}
            </p>
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell value={p.views} format={compact} />
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell value={p.reach} format={compact} />
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell value={p.engagements} format={compact} />
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell value={p.conversions} format={(v) => formatNumber(v)} />
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell value={p.revenueMinor} format={money} />
          </td>
          <td className="px-4 py-3 text-right">
            {actions?.kind === 'remove' ? (
              <SubmitButton variant="ghost" pendingLabel="…" name="postId" value={p.postId}>
                Remove
              </SubmitButton>
            ) : actions?.kind === 'review' ? (
              <div className="flex justify-end gap-2">
                <ReviewForm
                  action={actions.confirm}
                  campaignId={actions.campaignId}
                  postId={p.postId}
                  variant="secondary"
                  label="Confirm"
                />
                <ReviewForm action={actions.reject} campaignId={actions.campaignId} postId={p.postId} variant="ghost" label="Reject" />
              </div>
            ) : null}
          </td>
        </tr>
      ))}
    </TableBody>
  );
}
