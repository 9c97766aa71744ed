import Link from 'next/link';
import { ImportStatusBadge } from '@/components/imports/import-status-badge';
import { UploadForm } from '@/components/imports/upload-form';
import { formatRelative } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { hasOrgRole } from '@/lib/authz/guards';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listImportJobs } from '@/lib/imports/list-import-jobs';
import { loadPage } from '@/lib/pages';
import { Table } from '@/components/ui/table';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Imports' };

export default async function ImportsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const { access, jobs } = await loadPage(() => listImportJobs({ ctx, input: { orgSlug: slug } }), `/o/${slug}/imports`);
  const canImport = hasOrgRole(access.role, 'manager');
  return (
    <>
      <PageHeader
        title="Imports"
        description="Bring in platform exports and agency spreadsheets. Re-importing a file never doubles anything."
      />
      <div className="space-y-6">
        <Panel
          title="New import"
          description={canImport ? 'The file is checked before anything is written.' : undefined}
          className="max-w-xl"
        >
          {canImport ? (
            <UploadForm slug={slug} />
          ) : (
            <p className="text-sm text-gray-500">Viewers can read the import history; managers and owners import files.</p>
          )}
        </Panel>
        <Panel title="Import history" padded={jobs.length === 0}>
          {jobs.length === 0 ? (
            <EmptyState title="No imports yet">
              Imported files appear here with who imported them, when, and what happened to every row.
            </EmptyState>
          ) : (
            <Table data-testid="import-history">
              <thead>
                <tr className="text-left text-xs font-medium uppercase tracking-wide text-gray-500">
                  <th className="px-4 py-3">File</th>
                  <th className="px-4 py-3">Status</th>
                  <th className="px-4 py-3 text-right">Read</th>
                  <th className="px-4 py-3 text-right">Imported</th>
                  <th className="px-4 py-3 text-right">Updated</th>
                  <th className="px-4 py-3 text-right">Unchanged</th>
                  <th className="px-4 py-3 text-right">Duplicates</th>
                  <th className="px-4 py-3 text-right">Errors</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {jobs.map((j) => (
                  <tr key={j.id}>
                    <td className="px-4 py-3">
                      <Link href={`/o/${slug}/imports/${j.id}`} className="font-medium text-gray-900 hover:text-indigo-600">
                        {j.fileName}
                      </Link>
                      <p className="text-xs text-gray-500">
                        {j.kind === 'post' ? 'Posts' : 'Accounts'} · {j.createdByName ?? 'command line'} · {formatRelative(j.createdAt)}
                      </p>
                    </td>
                    <td className="px-4 py-3">
                      <ImportStatusBadge status={j.status} stalled={j.stalled} />
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">{j.rowsRead.toLocaleString('en-US')}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{j.imported.toLocaleString('en-US')}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{j.updated.toLocaleString('en-US')}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{j.unchanged.toLocaleString('en-US')}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{j.duplicates.toLocaleString('en-US')}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{j.errorCount.toLocaleString('en-US')}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Panel>
      </div>
    </>
  );
}
