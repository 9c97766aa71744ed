import { auditActionLabel } from '@/lib/audit/actions';
import { formatRelative } from '../ui/format';

type Item = { id: number; action: string; actorName: string | null; after: unknown; createdAt: Date };

function describe(item: Item): string {
  const after = (item.after ?? {}) as Record<string, unknown>;
  if (item.action === 'invitation.created' && typeof after.email === 'string') return `invited ${after.email} as ${after.role}`;
  if (item.action === 'member.joined' && typeof after.role === 'string') return `joined the team as ${after.role}`;
  if (item.action === 'import.created' && typeof after.fileName === 'string') return `imported ${after.fileName}`;
  if (item.action === 'member.role_changed' && typeof after.role === 'string') return `made a member ${after.role}`;
  return auditActionLabel(item.action);
}

/** The latest audit-log entries of an organization, in words. */
export function ActivityList({ items }: { items: Item[] }) {
  return (
    <ul className="divide-y divide-gray-100">
      {items.map((item) => (
        <li key={item.id} className="flex items-baseline justify-between gap-4 py-2.5 text-sm">
          <span className="min-w-0 break-words text-gray-700">
            <span className="font-medium text-gray-900">{item.actorName ?? 'Someone'}</span> {describe(item)}
          </span>
          <time className="shrink-0 text-xs text-gray-500" dateTime={item.createdAt.toISOString()}>
            {formatRelative(item.createdAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}
