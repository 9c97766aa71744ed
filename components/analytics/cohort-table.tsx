'use client';

import { formatDate, formatNumber } from '@/components/ui/format';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import type { Cohorts } from '@/lib/cohorts/get-cohorts';

/** Cell shading: the share of the table's largest mean, in five steps (text stays readable). */
function shade(value: number | null, max: number): string {
  if (value === null || max <= 0) return 'bg-white text-gray-500';
  const step = Math.min(4, Math.floor((value / max) * 5));
  return ['bg-indigo-50', 'bg-indigo-100', 'bg-indigo-200', 'bg-indigo-300', 'bg-indigo-400 text-white'][step];
}

/**
 * The content cohorts as a heat table: one row per week (`byWeek`, labelled by its first day) or
 * month of posting, its post count, and the mean per post on each day after posting, shaded by
 * its share of the table's largest mean; "—" where no post of the cohort was captured that late.
 * A client component given the cohorts as data (components/analytics/roster-rows.tsx says why).
 */
export function CohortTable({ cohorts, byWeek }: { cohorts: Cohorts['content']['cohorts']; byWeek: boolean }) {
  const max = Math.max(0, ...cohorts.flatMap((c) => c.cells.map((x) => x.mean ?? 0)));
  return (
    <Table data-testid="content-cohorts">
      <TableHead>
        <Th>{byWeek ? 'Week of' : 'Month'}</Th>
        <Th numeric>Posts</Th>
        {cohorts[0].cells.map((c) => (
          <Th key={c.day} numeric className="whitespace-nowrap">
            Day {c.day}
          </Th>
        ))}
      </TableHead>
      <TableBody>
        {cohorts.map((c) => (
          <tr key={c.key} data-testid="cohort-row">
            <Td className="whitespace-nowrap font-medium">{byWeek ? formatDate(c.key) : c.key}</Td>
            <Td numeric>{c.posts}</Td>
            {c.cells.map((x) => (
              <Td
                key={x.day}
                numeric
                className={shade(x.mean, max)}
                title={x.mean === null ? 'No post of this cohort was captured this late' : `${x.posts} posts`}
              >
                {x.mean === null ? '—' : formatNumber(x.mean, { compact: true })}
              </Td>
            ))}
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
