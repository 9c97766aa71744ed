import Link from 'next/link';
import { Pager } from '@/components/ui/pager';
import { FlagForm } from '@/components/admin/flag-form';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/field';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { DIRECTORY_PAGE_SIZE, listUsers } from '@/lib/admin/list-admin-directory';
import { getRequestCtx } from '@/lib/auth/request-context';
import { loadPage } from '@/lib/pages';
import { deleteUserAction, userFlagAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Users' };

const TABS = [
  ['brand', 'Brands'],
  ['influencer', 'Influencers'],
  ['fan', 'Fans'],
] as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const ctx = await getRequestCtx();
  const { users, total, query } = await loadPage(
    () =>
      listUsers({
        ctx,
        input: {
          role: first(sp.role) as 'brand' | undefined,
          q: first(sp.q),
          status: first(sp.status) as 'all' | undefined,
          page: first(sp.page),
        },
      }),
    '/admin/users',
  );
  const href = (p: Record<string, string | number>) =>
    `/admin/users?${new URLSearchParams({ role: query.role, q: query.q, status: query.status, page: '1', ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])) })}`;
  const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
  return (
    <>
      <PageHeader title="Users" description="Flag a user to stop them signing in; they are told why by email." />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav className="flex gap-1 rounded-lg bg-gray-100 p-1" aria-label="Role">
          {TABS.map(([role, label]) => (
            <Link
              key={role}
              href={href({ role })}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${query.role === role ? 'bg-white text-gray-900 shadow-sm' : 'text-gray-600 hover:text-gray-900'}`}
            >
              {label}
            </Link>
          ))}
        </nav>
        <form className="flex flex-wrap items-center gap-2" role="search">
          <input type="hidden" name="role" value={query.role} />
          <Input name="q" defaultValue={query.q} placeholder="Name or email" aria-label="Search users" className="w-full sm:w-64" />
          <label className="flex items-center gap-1 text-sm text-gray-600">
            <input type="checkbox" name="status" value="flagged" defaultChecked={query.status === 'flagged'} /> Flagged only
          </label>
          <button className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 ring-1 ring-gray-300">Search</button>
        </form>
      </div>
      <Panel
        title={`${total.toLocaleString('en-US')} ${TABS.find((t) => t[0] === query.role)![1].toLowerCase()}`}
        padded={users.length === 0}
      >
        {users.length === 0 ? (
          <EmptyState title="Nobody matches" />
        ) : (
          <ul className="divide-y divide-gray-100" data-testid="admin-users">
            {users.map((u) => (
              <li key={u.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3" data-testid="admin-user">
                <div className="min-w-0">
                  <p className="flex items-center gap-2 truncate text-sm font-medium text-gray-900">
                    {u.name} {u.flaggedAt ? <Badge tone="red">Flagged</Badge> : null}
                  </p>
                  <p className="truncate text-xs text-gray-500">
                    {u.email} · joined {formatDate(u.createdAt)}
                    {u.organizations.length ? ` · ${u.organizations.join(', ')}` : ''}
                    {u.flagReason ? ` · reason: ${u.flagReason}` : ''}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <FlagForm flagged={u.flaggedAt !== null} action={userFlagAction.bind(null, u.id, u.flaggedAt === null)} testId="user" />
                  <ActionForm action={deleteUserAction.bind(null, u.id)} confirm={`Delete ${u.email}? This cannot be undone.`}>
                    <SubmitButton variant="ghost" pendingLabel="…">
                      Delete
                    </SubmitButton>
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Pager page={query.page} pageCount={pages} href={(n) => href({ page: n })} />
    </>
  );
}
