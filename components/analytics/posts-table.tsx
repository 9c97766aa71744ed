'use client';

import Link from 'next/link';
import type { PostRow } from '@/lib/analytics/get-influencer-analytics';
import { Badge } from '../ui/badge';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../ui/format';
import { MetricLabel } from './metric-label';
import { ValueCell } from './unknown';
import { Table, TableBody } from '@/components/ui/table';

const compact = (v: number | null) => formatNumber(v, { compact: true });

/**
 * Posts with their latest metrics; each links to its drilldown. `showCost` (default: when a row
 * has a cost) adds the cost and CPE columns; pass it for a page of a longer list, so columns do
 * not change from page to page. A client component given the rows as data, so the page's payload
 * carries the figures once rather than the table's markup again (components/analytics/roster-rows.tsx).
 */
export function PostsTable({ posts, slug, testId, showCost }: { posts: PostRow[]; slug: string; testId?: string; showCost?: boolean }) {
  const hasCost = showCost ?? posts.some((p) => p.costMinor !== null);
  return (
    <Table data-testid={testId}>
      <thead>
        <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
          <th className="px-4 py-3">Post</th>
          <th className="px-4 py-3">Date</th>
          <th className="px-4 py-3 text-right">
            <MetricLabel metric="views" align="right" />
          </th>
          <th className="px-4 py-3 text-right">Likes</th>
          <th className="px-4 py-3 text-right">Comments</th>
          <th className="px-4 py-3 text-right">
            <MetricLabel metric="engagements" align="right" />
          </th>
          <th className="px-4 py-3 text-right">
            <MetricLabel metric="engagementRateByViews" label="Eng. rate" align="right" detail="Per post: engagements ÷ views." />
          </th>
          {hasCost ? (
            <>
              <th className="px-4 py-3 text-right">Cost</th>
              <th className="px-4 py-3 text-right">
                <MetricLabel metric="cpe" align="right" />
              </th>
            </>
          ) : null}
          <th className="px-4 py-3">Source</th>
        </tr>
      </thead>
      <TableBody>
        {posts.map((p) => (
          <tr key={p.postId} className="hover:bg-gray-50">
            <td className="max-w-sm px-4 py-3">
              <Link href={`/o/${slug}/posts/${p.postId}`} className="line-clamp-1 font-medium text-gray-900 hover:text-indigo-600">
                {p.title ?? 'Untitled post'}
              </Link>
              <p className="mt-0.5 text-xs text-gray-500">
                {p.platform} · @{p.handle}
                {p.mediaType ? ` · ${p.mediaType}` : ''}
              </p>
            </td>
            <td
              className="whitespace-nowrap px-4 py-3 text-gray-600"
              title={p.dateIsPublishTime ? 'Publish time' : 'Publish time unknown: first capture'}
            >
              {formatDate(p.postDate)}
              {p.dateIsPublishTime ? null : <div className="text-[11px] text-gray-500">first seen</div>}
            </td>
            <td className="px-4 py-3 text-right tabular-nums">
              <ValueCell value={p.views} format={compact} />
            </td>
            <td className="px-4 py-3 text-right tabular-nums">
              <ValueCell value={p.likes} format={compact} />
            </td>
            <td className="px-4 py-3 text-right tabular-nums">
              <ValueCell value={p.comments} format={compact} />
            </td>
            <td className="px-4 py-3 text-right tabular-nums">
              <ValueCell value={p.engagements} format={compact} />
            </td>
            <td className="px-4 py-3 text-right tabular-nums">
              <ValueCell value={p.engagementRate} format={(v) => formatPercent(v)} reason="Views unknown or 0" />
            </td>
            {hasCost ? (
              <>
                <td className="px-4 py-3 text-right tabular-nums">
                  <ValueCell value={p.costMinor} format={(v) => formatMoney(v, p.costCurrency ?? 'USD')} reason="No cost imported" />
                </td>
                <td className="px-4 py-3 text-right tabular-nums">
                  <ValueCell
                    value={p.costPerEngagement}
                    format={(v) => formatMoney(v, p.costCurrency ?? 'USD', 4)}
                    reason="Needs a cost and engagements"
                  />
                </td>
              </>
            ) : null}
            <td className="whitespace-nowrap px-4 py-3 text-xs text-gray-500" title={`Latest snapshot captured ${p.capturedAt}`}>
              <Badge>{p.provenance}</Badge> {formatDate(p.capturedAt)}
            </td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
