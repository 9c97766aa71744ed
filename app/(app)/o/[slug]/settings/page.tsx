import { ActionForm, FormField } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { Input, Select, Textarea } from '@/components/ui/field';
import { formatDate } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listMembers } from '@/lib/orgs/list-members';
import { loadPage } from '@/lib/pages';
import {
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
  revokeInvitationAction,
  updateOrganizationAction,
  createApiKeyAction,
  revokeApiKeyAction,
  createShopWebhookAction,
  revokeShopWebhookAction,
  connectGa4PropertyAction,
  syncGa4PropertyAction,
  disconnectGa4PropertyAction,
} from './actions';
import { listShopWebhooks } from '@/lib/attribution/list-shop-webhooks';
import { listGa4Properties } from '@/lib/ga4/list-ga4-properties';
import { listApiKeys } from '@/lib/api-keys/list-api-keys';
import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Team and settings' };

const ROLE_HELP = {
  owner: 'Everything, including the team and the organization’s settings.',
  manager: 'Creates and runs campaigns, imports metrics, exports reports.',
  viewer: 'Reads dashboards and reports; cannot change anything.',
};

export default async function OrgSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  const { access, members, invitations } = await loadPage(() => listMembers({ ctx, input: { slug } }), `/o/${slug}/settings`);
  const { org, role } = access;
  const isOwner = role === 'owner';
  const me = access.actor.userId;
  const [keys, webhooks, ga4Properties] =
    isOwner && org.kind === 'brand'
      ? await Promise.all([
          listApiKeys({ ctx, input: { orgSlug: slug } }),
          listShopWebhooks({ ctx, input: { orgSlug: slug } }),
          listGa4Properties({ ctx, input: { orgSlug: slug } }),
        ])
      : [[], [], []];
  const { appUrl } = getEnv();

  return (
    <>
      <PageHeader title={isOwner ? 'Team & settings' : 'Team'} description={org.name} />
      {!isOwner ? (
        <div className="mb-6">
          <Notice>
            You are {role === 'viewer' ? 'a viewer: you can read everything but change nothing' : 'a manager'}. Only owners manage the team
            and the organization’s settings.
          </Notice>
        </div>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Panel
            title="Members"
            description={`${members.length} ${members.length === 1 ? 'person' : 'people'} in ${org.name}`}
            padded={false}
          >
            <ul className="divide-y divide-gray-100" data-testid="members">
              {members.map((m) => (
                <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-gray-900">
                      {m.name} {m.userId === me ? <span className="text-gray-500">(you)</span> : null}
                    </p>
                    <p className="truncate text-xs text-gray-500">
                      {m.email} · joined {formatDate(m.joinedAt)}
                    </p>
                  </div>
                  {isOwner ? (
                    <div className="flex items-start gap-2">
                      <ActionForm action={changeMemberRoleAction.bind(null, org.id, slug, m.userId)} className="flex items-center gap-2">
                        <Select name="role" defaultValue={m.role} aria-label={`Role of ${m.name}`} className="w-32">
                          <option value="owner">Owner</option>
                          <option value="manager">Manager</option>
                          <option value="viewer">Viewer</option>
                        </Select>
                        <SubmitButton variant="secondary" pendingLabel="…">
                          Save
                        </SubmitButton>
                      </ActionForm>
                      {m.userId !== me ? (
                        <ActionForm
                          action={removeMemberAction.bind(null, org.id, slug, m.userId)}
                          confirm={`Remove ${m.name} from ${org.name}?`}
                        >
                          <SubmitButton variant="danger" pendingLabel="…">
                            Remove
                          </SubmitButton>
                        </ActionForm>
                      ) : null}
                    </div>
                  ) : (
                    <Badge tone={m.role === 'owner' ? 'indigo' : 'gray'}>{m.role[0].toUpperCase() + m.role.slice(1)}</Badge>
                  )}
                </li>
              ))}
            </ul>
          </Panel>

          {isOwner && org.kind === 'brand' ? (
            <Panel
              title="API keys"
              description={
                <>
                  For your shop’s server: <code className="font-mono">POST {appUrl}/api/v1/track/lead</code>,{' '}
                  <code className="font-mono">/sale</code> and <code className="font-mono">/refund</code> (docs/attribution.md).
                </>
              }
              padded={false}
            >
              {keys.length ? (
                <ActionForm action={revokeApiKeyAction.bind(null, slug)} confirm="Revoke this key? Requests with it will be refused.">
                  <ul className="divide-y divide-gray-100" data-testid="api-keys">
                    {keys.map((k) => (
                      <li key={k.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                        <div className="min-w-0">
                          <p className="text-sm font-medium text-gray-900">
                            {k.name} <code className="ml-1 font-mono text-xs text-gray-500">{k.prefix}…</code>
                          </p>
                          <p className="text-xs text-gray-500">
                            {k.scopes.join(', ')} · created {formatDate(k.createdAt)} ·{' '}
                            {k.lastUsedAt ? `last used ${formatDate(k.lastUsedAt)}` : 'never used'}
                          </p>
                        </div>
                        {k.revokedAt ? (
                          <Badge>Revoked {formatDate(k.revokedAt)}</Badge>
                        ) : (
                          <SubmitButton variant="danger" pendingLabel="…" name="keyId" value={k.id}>
                            Revoke
                          </SubmitButton>
                        )}
                      </li>
                    ))}
                  </ul>
                </ActionForm>
              ) : null}
              <ActionForm
                action={createApiKeyAction.bind(null, slug)}
                resetOnSuccess
                className="flex flex-wrap items-end gap-3 border-t border-gray-100 px-5 py-4"
                testId="api-key-form"
              >
                <FormField name="name" label="New key’s name" htmlFor="api-key-name">
                  <Input id="api-key-name" name="name" placeholder="Shop server" className="w-64" required />
                </FormField>
                <SubmitButton variant="secondary" pendingLabel="Creating…">
                  Create key
                </SubmitButton>
              </ActionForm>
            </Panel>
          ) : null}

          {isOwner && org.kind === 'brand' ? (
            <Panel
              title="Shop webhooks"
              description="Shopify: orders/paid and refunds/create. Stripe: checkout.session.completed and charge.refunded. Each delivery is checked against the shop’s signing secret."
              padded={false}
            >
              {webhooks.length ? (
                <ActionForm
                  action={revokeShopWebhookAction.bind(null, slug)}
                  confirm="Disconnect this shop? Its deliveries will be refused."
                >
                  <ul className="divide-y divide-gray-100" data-testid="shop-webhooks">
                    {webhooks.map((w) => (
                      <li key={w.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                        <div className="min-w-0">
                          <p className="text-sm font-medium text-gray-900">
                            {w.name} <Badge>{w.provider === 'shopify' ? 'Shopify' : 'Stripe'}</Badge>
                          </p>
                          <p className="truncate font-mono text-xs text-gray-500">{w.url}</p>
                          <p className="text-xs text-gray-500">
                            {w.lastReceivedAt ? `last delivery ${formatDate(w.lastReceivedAt)}` : 'no delivery yet'}
                          </p>
                        </div>
                        {w.revokedAt ? (
                          <Badge>Disconnected {formatDate(w.revokedAt)}</Badge>
                        ) : (
                          <SubmitButton variant="danger" pendingLabel="…" name="webhookId" value={w.id}>
                            Disconnect
                          </SubmitButton>
                        )}
                      </li>
                    ))}
                  </ul>
                </ActionForm>
              ) : null}
              <ActionForm
                action={createShopWebhookAction.bind(null, slug)}
                resetOnSuccess
                className="grid grid-cols-1 items-end gap-3 border-t border-gray-100 px-5 py-4 sm:grid-cols-2"
                testId="shop-webhook-form"
              >
                <FormField name="provider" label="Shop" htmlFor="hook-provider">
                  <Select id="hook-provider" name="provider" defaultValue="shopify">
                    <option value="shopify">Shopify</option>
                    <option value="stripe">Stripe</option>
                  </Select>
                </FormField>
                <FormField name="name" label="Name" htmlFor="hook-name">
                  <Input id="hook-name" name="name" placeholder="US store" required />
                </FormField>
                <div className="sm:col-span-2">
                  <FormField
                    name="signingSecret"
                    label="Signing secret"
                    htmlFor="hook-secret"
                    hint="Shopify: Settings → Notifications → Webhooks (“Your webhooks will be signed with …”). Stripe: the endpoint’s whsec_… secret."
                  >
                    <Input id="hook-secret" name="signingSecret" type="password" autoComplete="off" required />
                  </FormField>
                </div>
                <div>
                  <SubmitButton variant="secondary" pendingLabel="Connecting…">
                    Connect shop
                  </SubmitButton>
                </div>
              </ActionForm>
            </Panel>
          ) : null}

          {isOwner && org.kind === 'brand' ? (
            <Panel
              title="Google Analytics 4"
              description={
                <>
                  Reads sessions, key events and revenue per UTM campaign, source and content every 6 hours, as your own Google service
                  account: create one in Google Cloud (IAM → Service accounts), add its email as a Viewer in the property’s access
                  management, create a JSON key and paste it here. The key is stored encrypted and never shown again.
                </>
              }
              padded={false}
            >
              {ga4Properties.length ? (
                <ul className="divide-y divide-gray-100" data-testid="ga4-properties">
                  {ga4Properties.map((p) => (
                    <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                      <div className="min-w-0">
                        <p className="text-sm font-medium text-gray-900">
                          {p.name} <code className="ml-1 font-mono text-xs text-gray-500">properties/{p.propertyId}</code>
                        </p>
                        <p className="text-xs text-gray-500">
                          {p.serviceAccountEmail ? (
                            <>
                              read as <span className="font-mono">{p.serviceAccountEmail}</span> ·{' '}
                            </>
                          ) : null}
                          {p.lastSyncedAt ? `last read ${formatDate(p.lastSyncedAt)}` : 'not read yet'}
                          {p.currency ? ` · reports in ${p.currency}` : ''}
                        </p>
                        {p.lastError ? (
                          <p className="mt-0.5 text-xs text-red-700" role="status">
                            Last read failed: {p.lastError}
                          </p>
                        ) : null}
                      </div>
                      <div className="flex items-start gap-2">
                        <ActionForm action={syncGa4PropertyAction.bind(null, slug)}>
                          <SubmitButton variant="secondary" pendingLabel="Reading…" name="ga4PropertyId" value={p.id}>
                            Read now
                          </SubmitButton>
                        </ActionForm>
                        <ActionForm
                          action={disconnectGa4PropertyAction.bind(null, slug)}
                          confirm="Disconnect this property? The traffic read from it leaves the reports."
                        >
                          <SubmitButton variant="danger" pendingLabel="…" name="ga4PropertyId" value={p.id}>
                            Disconnect
                          </SubmitButton>
                        </ActionForm>
                      </div>
                    </li>
                  ))}
                </ul>
              ) : null}
              <ActionForm
                action={connectGa4PropertyAction.bind(null, slug)}
                resetOnSuccess
                className="grid gap-3 border-t border-gray-100 px-5 py-4"
                testId="ga4-form"
              >
                <div className="flex flex-wrap gap-3">
                  <FormField name="propertyId" label="Property id" htmlFor="ga4-property">
                    <Input id="ga4-property" name="propertyId" placeholder="412345678" inputMode="numeric" className="w-40" required />
                  </FormField>
                  <FormField name="name" label="Name" htmlFor="ga4-name">
                    <Input id="ga4-name" name="name" placeholder="Shop" className="w-48" required />
                  </FormField>
                </div>
                <FormField
                  name="serviceAccountKey"
                  label="Service account key (JSON)"
                  htmlFor="ga4-key"
                  hint="The whole key file, from { to }. Reachboard checks with Google that the account may read the property before keeping it."
                >
                  <Textarea
                    id="ga4-key"
                    name="serviceAccountKey"
                    rows={4}
                    spellCheck={false}
                    autoComplete="off"
                    className="font-mono text-xs"
                    placeholder='{"type": "service_account", "client_email": "…@….iam.gserviceaccount.com", "private_key": "-----BEGIN PRIVATE KEY-----…"}'
                    required
                  />
                </FormField>
                <div>
                  <SubmitButton variant="secondary" pendingLabel="Connecting…">
                    Connect property
                  </SubmitButton>
                </div>
              </ActionForm>
            </Panel>
          ) : null}

          {isOwner && invitations.length > 0 ? (
            <Panel title="Pending invitations" padded={false}>
              <ul className="divide-y divide-gray-100" data-testid="invitations">
                {invitations.map((inv) => (
                  <li key={inv.id} className="flex items-center justify-between gap-3 px-5 py-3">
                    <div>
                      <p className="text-sm font-medium text-gray-900">{inv.email}</p>
                      <p className="text-xs text-gray-500">
                        {inv.role} · expires {formatDate(inv.expiresAt)}
                      </p>
                    </div>
                    <ActionForm action={revokeInvitationAction.bind(null, org.id, slug, inv.id)}>
                      <SubmitButton variant="ghost" pendingLabel="…">
                        Revoke
                      </SubmitButton>
                    </ActionForm>
                  </li>
                ))}
              </ul>
            </Panel>
          ) : null}
        </div>

        <div className="space-y-6">
          {isOwner ? (
            <>
              <Panel title="Invite a teammate" description="They get an email with a link valid for 7 days.">
                <ActionForm action={inviteMemberAction.bind(null, org.id, slug)} resetOnSuccess className="space-y-4" testId="invite-form">
                  <FormField name="email" label="Email" htmlFor="invite-email">
                    <Input id="invite-email" name="email" type="email" required />
                  </FormField>
                  <FormField name="role" label="Role" htmlFor="invite-role">
                    <Select id="invite-role" name="role" defaultValue="manager">
                      <option value="manager">Manager — {ROLE_HELP.manager}</option>
                      <option value="viewer">Viewer — {ROLE_HELP.viewer}</option>
                    </Select>
                  </FormField>
                  <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
                </ActionForm>
              </Panel>
              <Panel title="Organization">
                <ActionForm action={updateOrganizationAction.bind(null, org.id, slug)} className="space-y-4" testId="org-form">
                  <FormField name="name" label="Name" htmlFor="org-name">
                    <Input id="org-name" name="name" defaultValue={org.name} required />
                  </FormField>
                  <FormField name="website" label="Website" htmlFor="org-website">
                    <Input id="org-website" name="website" type="url" defaultValue={org.website ?? ''} placeholder="https://" />
                  </FormField>
                  <SubmitButton>Save</SubmitButton>
                </ActionForm>
              </Panel>
            </>
          ) : (
            <Panel title="Roles">
              <dl className="space-y-3 text-sm">
                {Object.entries(ROLE_HELP).map(([r, help]) => (
                  <div key={r}>
                    <dt className="font-medium capitalize text-gray-900">{r}</dt>
                    <dd className="text-gray-500">{help}</dd>
                  </div>
                ))}
              </dl>
            </Panel>
          )}
          {!isOwner ? (
            <Panel title="Leave organization">
              <ActionForm
                action={removeMemberAction.bind(null, org.id, slug, me)}
                confirm={`Leave ${org.name}? You will lose access to its data.`}
              >
                <SubmitButton variant="danger">Leave {org.name}</SubmitButton>
              </ActionForm>
            </Panel>
          ) : null}
        </div>
      </div>
    </>
  );
}
