import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ImportProgress } from '@/components/imports/import-progress';

const job = {
  jobId: '0b9c6c2e-6a55-4c55-9a53-3f0a6f0f2c11',
  status: 'running' as const,
  kind: 'post' as const,
  fileName: 'studio-by-day.csv',
  createdByName: 'Olivia Hart',
  stalled: false,
  rowsTotal: 12_000,
  rowsRead: 10_000,
  imported: 10_000,
  updated: 0,
  unchanged: 0,
  duplicates: 0,
  summaryRows: [],
  errors: [],
  encoding: 'utf-8',
  failureReason: null,
  errorCount: 0,
};

const statusOf = (progress: typeof job | (Omit<typeof job, 'status'> & { status: 'completed' })) => {
  const html = renderToStaticMarkup(createElement(ImportProgress, { slug: 'northwind', initial: progress }));
  return html.match(/data-testid="import-status">(.*?)<\/span><\/span>/)![1].replace(/<[^>]+>/g, '');
};

describe('an import’s progress', () => {
  it('says the rows are being imported, then that the analytics are being updated once every row is read', () => {
    expect(statusOf(job)).toBe('Importing…');
    expect(statusOf({ ...job, rowsRead: 12_000, imported: 12_000 })).toBe('Updating analytics…');
    // Its runner died (a crash, a lost connection): nothing is being updated until it resumes.
    expect(statusOf({ ...job, rowsRead: 12_000, imported: 12_000, stalled: true })).toBe('Interrupted');
    expect(statusOf({ ...job, status: 'completed', rowsRead: 12_000, imported: 12_000 })).toBe('Completed');
  });
});
