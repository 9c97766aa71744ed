import Link from 'next/link';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { Select } from '@/components/ui/field';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { listAuditLog } from '@/lib/admin/list-audit-log';
import { getRequestCtx } from '@/lib/auth/request-context';
import { loadPage } from '@/lib/pages';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log' };

const FAMILIES = [
  ['', 'Every action'],
  ['admin.', 'Admin moderation'],
  ['user.', 'Accounts and sign-ins'],
  ['member.', 'Team membership'],
  ['invitation.', 'Invitations'],
  ['campaign.', 'Campaigns'],
  ['offer.', 'Offers'],
  ['deliverable.', 'Deliverables'],
  ['influencer.', 'Creator profiles and claims'],
  ['import.', 'Imports'],
  ['account.', 'Tracked accounts'],
] as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The platform's audit log for admins: who did what, where and when, newest first. */
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const ctx = await getRequestCtx();
  const { entries, nextBefore, query } = await loadPage(
    () => listAuditLog({ ctx, input: { action: first(sp.action), before: first(sp.before) } }),
    '/admin/audit',
  );
  return (
    <>
      <PageHeader title="Audit log" description="Every change people and Reachboard made, newest first. Entries are never edited." />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2" aria-label="Filter the audit log">
        <label className="text-xs font-medium text-gray-600">
          Actions
          <Select name="action" defaultValue={query.action} className="mt-1 w-64">
            {FAMILIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </label>
        <button className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50">
          Show
        </button>
      </form>
      {entries.length === 0 ? (
        <EmptyState title="Nothing recorded">No entry matches.</EmptyState>
      ) : (
        <Panel padded={false}>
          <Table data-testid="audit-log">
            <TableHead>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>What</Th>
              <Th>Organization</Th>
              <Th>Target</Th>
            </TableHead>
            <TableBody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <Td className="whitespace-nowrap text-gray-600">{formatDateTime(e.createdAt)}</Td>
                  <Td>
                    <span className="font-medium text-gray-900">{e.actorName ?? 'Reachboard'}</span>
                    {e.actorEmail ? <span className="block text-xs text-gray-500">{e.actorEmail}</span> : null}
                  </Td>
                  <Td>
                    {e.label}
                    <span className="block font-mono text-xs text-gray-500">{e.action}</span>
                  </Td>
                  <Td className="text-gray-600">{e.orgName ?? '—'}</Td>
                  <Td className="text-xs text-gray-500">
                    {e.targetType}
                    {e.targetId ? <span className="block font-mono">{e.targetId}</span> : null}
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </Panel>
      )}
      {nextBefore ? (
        <p className="mt-4 text-sm">
          <Link
            href={`/admin/audit?${new URLSearchParams({ ...(query.action ? { action: query.action } : {}), before: String(nextBefore) })}`}
            className="font-medium text-indigo-600 hover:text-indigo-500"
          >
            Older entries →
          </Link>
        </p>
      ) : null}
    </>
  );
}
