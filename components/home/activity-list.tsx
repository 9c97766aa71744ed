import { formatRelative } from '../ui/format';

const LABELS: Record<string, string> = {
  'organization.created': 'created the organization',
  'organization.updated': 'updated the organization',
  'invitation.created': 'invited a teammate',
  'invitation.revoked': 'revoked an invitation',
  'member.joined': 'joined the team',
  'member.role_changed': 'changed a member’s role',
  'member.removed': 'removed a member',
  'member.left': 'left the team',
};

/** The latest audit-log entries of an organization, in words. */
export function ActivityList({ items }: { items: { id: number; action: string; actorName: string | null; createdAt: Date }[] }) {
  return (
    <ul className="divide-y divide-gray-100">
      {items.map((item) => (
        <li key={item.id} className="flex items-baseline justify-between gap-4 py-2.5 text-sm">
          <span className="text-gray-700">
            <span className="font-medium text-gray-900">{item.actorName ?? 'Someone'}</span> {LABELS[item.action] ?? item.action}
          </span>
          <time className="shrink-0 text-xs text-gray-400" dateTime={item.createdAt.toISOString()}>
            {formatRelative(item.createdAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}
