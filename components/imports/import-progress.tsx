'use client';

import { useEffect, useState } from 'react';
import type { ImportSummary } from '@/lib/imports/get-import-summary';
import { ENCODING_NAMES } from '@/lib/imports/encodings';
import { ImportStatusBadge } from './import-status-badge';
import { Table } from '@/components/ui/table';

type Progress = ImportSummary & { errorCount: number };

/**
 * What a live running job is doing. Once every row is read, a running post import recomputes the
 * rollups of the posts it wrote (lib/imports runImport): the pages show them when that ends.
 */
function runningLabel(p: Progress): string {
  return p.rowsTotal !== null && p.rowsRead >= p.rowsTotal ? 'Updating analytics…' : 'Importing…';
}

/** Live progress of an import: polls every second until it ends, so the user can leave and come back. */
export function ImportProgress({ slug, initial }: { slug: string; initial: Progress }) {
  const [p, setP] = useState<Progress>(initial);
  const done = p.status === 'completed' || p.status === 'failed';
  useEffect(() => {
    if (done) return;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/orgs/${encodeURIComponent(slug)}/imports/${p.jobId}`, { cache: 'no-store' });
      if (res.ok) setP(await res.json());
    }, 1000);
    return () => clearInterval(timer);
  }, [done, slug, p.jobId]);
  const total = p.rowsTotal ?? 0;
  const fraction = done && p.status === 'completed' ? 1 : total ? Math.min(1, p.rowsRead / total) : 0;
  const stats: [string, number, string][] = [
    ['Rows read', p.rowsRead, 'stat-rows-read'],
    ['Imported', p.imported, 'stat-imported'],
    ['Updated', p.updated, 'stat-updated'],
    ['Unchanged', p.unchanged, 'stat-unchanged'],
    ['Duplicates', p.duplicates, 'stat-duplicates'],
    ['Errors', p.errorCount, 'stat-errors'],
    ['Summary rows skipped', p.summaryRows.length, 'stat-summary-rows'],
  ];
  return (
    <div className="space-y-6">
      <div className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200">
        <div className="flex items-center justify-between gap-4">
          <p className="text-sm font-medium text-gray-900">
            {p.rowsRead.toLocaleString('en-US')} of {total.toLocaleString('en-US')} rows
          </p>
          <span data-testid="import-status">
            <ImportStatusBadge status={p.status} stalled={p.stalled} running={runningLabel(p)} />
          </span>
        </div>
        <div
          className="mt-3 h-3 w-full overflow-hidden rounded-full bg-gray-100"
          role="progressbar"
          aria-label="Import progress"
          aria-valuenow={Math.round(fraction * 100)}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div
            className={`h-full transition-all ${p.status === 'failed' ? 'bg-red-500' : 'bg-indigo-600'}`}
            style={{ width: `${Math.round(fraction * 100)}%` }}
          />
        </div>
        {p.failureReason ? <p className="mt-3 text-sm text-red-700">Stopped: {p.failureReason}</p> : null}
        {p.encoding ? (
          <p className="mt-3 text-xs text-gray-500" data-testid="import-encoding">
            Read as {ENCODING_NAMES[p.encoding] ?? p.encoding}
          </p>
        ) : null}
        {p.summaryRows.length ? (
          <p className="mt-1 text-xs text-gray-500" data-testid="import-summary-rows">
            Not imported, as the file&apos;s own totals: {p.summaryRows.map((r) => `line ${r.line}`).join(', ')}
          </p>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {stats.map(([label, value, id]) => (
          <div key={id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
            <p className="text-xs font-medium text-gray-500">{label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums text-gray-900" data-testid={id}>
              {value.toLocaleString('en-US')}
            </p>
          </div>
        ))}
      </div>
      <div className="rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
        <div className="flex items-center justify-between border-b border-gray-100 px-5 py-3">
          <h2 className="text-sm font-semibold text-gray-900">Rows not imported</h2>
          {p.errorCount + p.duplicates + p.summaryRows.length > 0 ? (
            <a
              href={`/api/orgs/${encodeURIComponent(slug)}/imports/${p.jobId}/issues.csv`}
              className="text-sm font-medium text-indigo-600 hover:text-indigo-500"
              data-testid="download-issues"
            >
              Download CSV of errors, duplicates and summary rows
            </a>
          ) : null}
        </div>
        {p.errors.length === 0 ? (
          <p className="px-5 py-4 text-sm text-gray-500">{done ? 'No row was rejected.' : 'None so far.'}</p>
        ) : (
          <Table data-testid="import-errors">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-gray-500">
                <th className="px-5 py-2 font-medium">Line</th>
                <th className="px-5 py-2 font-medium">Column</th>
                <th className="px-5 py-2 font-medium">Reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {p.errors.map((e) => (
                <tr key={`${e.line}-${e.column}`}>
                  <td className="px-5 py-2 tabular-nums">{e.line}</td>
                  <td className="px-5 py-2 text-gray-600">{e.column ?? 'whole row'}</td>
                  <td className="px-5 py-2 text-gray-900">{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {p.errorCount > p.errors.length ? (
          <p className="px-5 py-3 text-xs text-gray-500">
            Showing the first {p.errors.length} of {p.errorCount}; the CSV has them all.
          </p>
        ) : null}
      </div>
    </div>
  );
}
