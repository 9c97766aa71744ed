'use client';

import Link from 'next/link';
import { ConcentrationCell } from '@/components/analytics/concentration-cell';
import { ENGAGEMENT_BASIS_LABEL } from '@/components/analytics/engagement-basis';
import { ValueCell } from '@/components/analytics/unknown';
import { CreatorStatusBadge } from '@/components/creators/creator-status-badge';
import { Badge } from '@/components/ui/badge';
import { TableBody } from '@/components/ui/table';
import { formatNumber, formatPercent } from '@/components/ui/format';
import type { RosterRow } from '@/lib/analytics/list-roster';

/**
 * The roster table's rows, one per influencer, with a compare checkbox and a link to
 * `${path}/<influencerId>`. A client component given the rows as data: the page's payload carries
 * 25 rows of figures rather than their markup twice (React splits a large element tree into
 * separately streamed pieces, which cost more to render and to send than the table itself).
 */
export function RosterRows({ rows, path }: { rows: RosterRow[]; path: string }) {
  return (
    <TableBody>
      {rows.map((r) => (
        <tr key={r.influencerId} className="hover:bg-gray-50">
          <td className="px-4 py-3">
            <input
              type="checkbox"
              name="ids"
              value={r.influencerId}
              aria-label={`Compare ${r.name}`}
              className="rounded border-gray-300 text-indigo-600"
            />
          </td>
          <td className="px-4 py-3">
            <Link href={`${path}/${r.influencerId}`} className="font-medium text-gray-900 hover:text-indigo-600">
              {r.name}
            </Link>
            <div className="mt-0.5 flex gap-1">
              {r.tier ? <Badge tone="indigo">{r.tier}</Badge> : null}
              <CreatorStatusBadge claimed={r.claimed} verified={r.verified} />
            </div>
          </td>
          <td className="px-4 py-3 text-xs text-gray-600">
            {r.accounts.map((a) => (
              <div key={`${a.platform}:${a.handle}`}>
                <span className="text-gray-500">{a.platform}</span> @{a.handle}
              </div>
            ))}
          </td>
          <td className="px-4 py-3 text-gray-600">
            {r.category ?? <span className="text-gray-500">—</span>}
            <div className="text-xs text-gray-500">{r.country ?? '—'}</div>
          </td>
          <td
            className="px-4 py-3 text-right tabular-nums"
            title={r.capturedAt ? `Captured ${r.capturedAt.slice(0, 10)}` : 'No follower count imported'}
          >
            <ValueCell value={r.followers} format={(v) => formatNumber(v, { compact: true })} reason="No follower count imported" />
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell
              value={r.engagementRate}
              format={(v) => formatPercent(v)}
              reason="No posts with views, no followers and no reported rate"
            />
            {r.engagementRateBasis ? (
              <div className="text-[11px] text-gray-500">{ENGAGEMENT_BASIS_LABEL[r.engagementRateBasis]}</div>
            ) : null}
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell value={r.growth30d} format={(v) => formatPercent(v, 1)} reason="Needs follower counts 30 days apart" />
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell value={r.medianViews} format={(v) => formatNumber(v, { compact: true })} reason="No posts with views" />
          </td>
          <td className="px-4 py-3 text-right tabular-nums">
            <ValueCell value={r.postsPerWeek} format={(v) => formatNumber(v, { digits: 1 })} reason="No posts tracked" />
          </td>
          <td className="px-4 py-3 text-right">
            <ConcentrationCell concentration={r.concentration} />
          </td>
        </tr>
      ))}
    </TableBody>
  );
}
