import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/forms';
import type { listMyConnections } from '@/lib/connections/list-my-connections';
import { PLATFORM_NAMES } from '@/lib/platforms';

type Connections = Awaited<ReturnType<typeof listMyConnections>>;

const STATUS: Record<Connections['connections'][number]['status'], { label: string; tone: 'green' | 'amber' | 'red' | 'gray' }> = {
  connected: { label: 'connected', tone: 'green' },
  expiring: { label: 'expiring', tone: 'amber' },
  reauth_required: { label: 'connection lost', tone: 'red' },
  revoked: { label: 'disconnected', tone: 'gray' },
};

/**
 * The creator's platform connections: connect (which also proves the account is theirs),
 * reconnect after a loss, disconnect. Says what the last callback did (`flash`).
 */
export function ConnectionsPanel({
  data,
  flash,
  actions,
}: {
  data: Connections;
  flash: { ok: boolean; message: string } | null;
  actions: {
    connect: (platform: string, prev: FormState) => Promise<FormState>;
    disconnect: (connectionId: string, prev: FormState) => Promise<FormState>;
  };
}) {
  return (
    <Panel
      title="Connected accounts"
      description="Connecting proves an account is yours and lets Reachboard read its first-party numbers. You can disconnect at any time."
    >
      <div id="connections" className="space-y-3" data-testid="connections">
        {flash ? <Notice tone={flash.ok ? 'success' : 'error'}>{flash.message}</Notice> : null}
        {data.platforms.map((p) => {
          const mine = data.connections.filter((c) => c.platform === p.platform);
          const name = PLATFORM_NAMES[p.platform];
          return (
            <div key={p.platform} className="space-y-2 rounded-md p-3 ring-1 ring-gray-200" data-testid={`connection-${p.platform}`}>
              {mine.map((c) => (
                <div key={c.id} className="flex flex-wrap items-center justify-between gap-2">
                  <span className="flex flex-wrap items-center gap-2 text-sm text-gray-900">
                    <Badge>{name}</Badge>@{c.handle}
                    <Badge tone={STATUS[c.status].tone}>{STATUS[c.status].label}</Badge>
                    <span className="text-xs text-gray-500">
                      {c.status === 'connected'
                        ? `since ${formatDate(c.statusSince)}`
                        : `${STATUS[c.status].label} since ${formatDate(c.statusSince)}`}
                    </span>
                  </span>
                  {c.status === 'connected' || c.status === 'expiring' ? (
                    <ActionForm
                      action={actions.disconnect.bind(null, c.id)}
                      confirm={`Disconnect @${c.handle}? Reachboard deletes its access.`}
                    >
                      <SubmitButton variant="ghost" pendingLabel="…">
                        Disconnect
                      </SubmitButton>
                    </ActionForm>
                  ) : null}
                </div>
              ))}
              {p.configured ? (
                mine.some((c) => c.status === 'connected') ? null : (
                  <ActionForm action={actions.connect.bind(null, p.platform)}>
                    <SubmitButton variant="secondary" pendingLabel={`Opening ${name}…`}>
                      {mine.length ? `Reconnect ${name}` : `Connect ${name}`}
                    </SubmitButton>
                  </ActionForm>
                )
              ) : (
                <p className="text-sm text-gray-500">{name} connections are not available on this server yet.</p>
              )}
            </div>
          );
        })}
      </div>
    </Panel>
  );
}
