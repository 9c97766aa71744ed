'use client';

import { formatPercent } from '../ui/format';
import type { ContentGroup } from '@/lib/analytics/get-influencer-analytics';

/** Groups of posts ranked by median engagement rate, each with its size, as horizontal bars (a client component given the groups as data). */
export function ContentGroups({ title, groups, empty, testId }: { title: string; groups: ContentGroup[]; empty: string; testId?: string }) {
  const max = Math.max(0, ...groups.map((g) => g.medianEngagementRate ?? 0));
  return (
    <div data-testid={testId}>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-gray-500">{title}</h3>
      {groups.length === 0 ? (
        <p className="mt-2 text-sm text-gray-500">{empty}</p>
      ) : (
        <ul className="mt-2 space-y-1.5">
          {groups.map((g) => (
            <li key={g.key} className="text-sm">
              <div className="flex justify-between gap-2">
                <span className="truncate text-gray-700">{g.key}</span>
                <span className="shrink-0 tabular-nums text-gray-900">
                  {formatPercent(g.medianEngagementRate)} <span className="text-xs text-gray-500">· {g.posts} posts</span>
                </span>
              </div>
              <div className="mt-0.5 h-1.5 rounded bg-gray-100">
                <div
                  className="h-1.5 rounded bg-indigo-500"
                  style={{ width: `${max > 0 && g.medianEngagementRate ? (g.medianEngagementRate / max) * 100 : 0}%` }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
