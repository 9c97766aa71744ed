import Link from 'next/link';
import { ActionForm, FormField } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { Input, Select } from '@/components/ui/field';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { Table, TableBody, TableHead } from '@/components/ui/table';
import { Tooltip } from '@/components/ui/tooltip';
import { listCampaignAttribution, type CampaignConversionRow } from '@/lib/attribution/list-campaign-attribution';
import { getRequestCtx } from '@/lib/auth/request-context';
import { hasOrgRole } from '@/lib/authz/guards';
import { listCampaignCollaborations } from '@/lib/collaborations/list-collaborations';
import { getEnv } from '@/lib/env';
import { STANDARD_UTM_TEMPLATE } from '@/lib/links/internal';
import { listCampaignLinks } from '@/lib/links/list-campaign-links';
import { getCampaignClickStats } from '@/lib/links/get-campaign-click-stats';
import { LiveClicks } from '@/components/links/live-clicks';
import { listUtmTemplates } from '@/lib/links/list-utm-templates';
import { loadPage } from '@/lib/pages';
import {
  createCodeAction,
  createLinksAction,
  deleteCodeAction,
  deleteTemplateAction,
  saveTemplateAction,
  setAttributionAction,
  setLinkActiveAction,
} from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Tracking links and conversions' };

const STATE_BADGE = { active: ['green', 'Active'], disabled: ['gray', 'Off'], expired: ['amber', 'Expired'] } as const;
const METHOD_LABEL: Record<string, string> = {
  click: 'last click',
  code: 'discount code',
  import: 'imported',
  manual: 'entered by hand',
  ga4: 'Google Analytics 4',
};

/** The label of a conversion's attribution and, on hover, the rule that gave it. */
function AttributionLabel({ c, codeBeatsClick }: { c: CampaignConversionRow; codeBeatsClick: boolean }) {
  const rule = `Rule: the last click within the campaign's window (${c.windowDays ?? '—'} days) or a discount code used while the campaign runs and for the window after; ${
    codeBeatsClick ? 'a code wins over a click' : 'a click wins over a code'
  }.`;
  const [tone, label, why] =
    c.attributionStatus === 'attributed'
      ? ([
          'green',
          `Attributed · ${METHOD_LABEL[c.attributedBy ?? ''] ?? 'manual'}`,
          c.attributedBy === 'click' || c.attributedBy === 'code'
            ? rule
            : `Recorded against this campaign (${METHOD_LABEL[c.attributedBy ?? ''] ?? 'manual'}).`,
        ] as const)
      : c.attributionStatus === 'outside_window'
        ? ([
            'amber',
            'Unqualified: outside window',
            `Matched by ${METHOD_LABEL[c.attributedBy ?? ''] ?? 'a click'}, but after the window: kept, not counted in revenue or ROI. ${rule}`,
          ] as const)
        : (['gray', 'Unattributed', 'No tracked click or discount code matched: kept, not counted for any campaign.'] as const);
  return (
    <Tooltip content={why}>
      <span className="cursor-help">
        <Badge tone={tone}>{label}</Badge>
      </span>
    </Tooltip>
  );
}

export default async function CampaignLinksPage({ params }: { params: Promise<{ slug: string; campaignId: string }> }) {
  const { slug, campaignId } = await params;
  const ctx = await getRequestCtx();
  const input = { orgSlug: slug, campaignId };
  const [attribution, links, collaborations, templates, clickStats] = await loadPage(
    () =>
      Promise.all([
        listCampaignAttribution({ ctx, input }),
        listCampaignLinks({ ctx, input }),
        listCampaignCollaborations({ ctx, input }),
        listUtmTemplates({ ctx, input: { orgSlug: slug } }),
        getCampaignClickStats({ ctx, input }),
      ]),
    `/o/${slug}/campaigns/${campaignId}/links`,
  );
  const { campaign, codes, recent, access } = attribution;
  const canEdit = hasOrgRole(access.role, 'manager');
  const active = collaborations.filter((c) => c.status !== 'cancelled');
  const money = (v: number | null, currency = campaign.currency) => formatMoney(v, currency);
  const env = getEnv();
  const totals = links.reduce((t, l) => ({ clicks: t.clicks + l.clicks, unique: t.unique + l.uniqueClicks, sales: t.sales + l.sales }), {
    clicks: 0,
    unique: 0,
    sales: 0,
  });

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${slug}/campaigns/${campaign.id}`} className="text-gray-500 hover:text-gray-900">
          ← {campaign.name}
        </Link>
      </p>
      <PageHeader
        title="Tracking links & conversions"
        description={`${links.length} ${links.length === 1 ? 'link' : 'links'} · ${formatNumber(totals.clicks)} clicks (${formatNumber(totals.unique)} unique) · ${formatNumber(totals.sales)} attributed sales by link`}
      />
      <div className="mb-6">
        <Panel title="Clicks" description="People only, as they arrive; the last 30 days by UTC day">
          <LiveClicks url={`/api/orgs/${slug}/campaigns/${campaign.id}/click-stats`} initial={clickStats} />
        </Panel>
      </div>
      <div className="mb-6">
        <Panel
          title="Links"
          description="One per collaboration and destination. Clicks exclude bots; unique clicks count a visitor once per hour."
          padded={false}
        >
          {links.length === 0 ? (
            <div className="p-5">
              <EmptyState title="No tracking links yet">
                {canEdit ? 'Create them for every collaboration with the form on this page.' : 'A manager creates them per collaboration.'}
              </EmptyState>
            </div>
          ) : (
            <ActionForm action={setLinkActiveAction.bind(null, slug, campaign.id)} testId="links-form">
              <Table data-testid="links">
                <TableHead>
                  <th className="px-4 py-3">Influencer</th>
                  <th className="px-4 py-3">Link</th>
                  <th className="px-4 py-3 text-right">Clicks</th>
                  <th className="px-4 py-3 text-right">Unique</th>
                  <th className="px-4 py-3 text-right">Sales</th>
                  <th className="px-4 py-3 text-right">Revenue</th>
                  <th className="px-4 py-3">
                    <span className="sr-only">State</span>
                  </th>
                </TableHead>
                <TableBody>
                  {links.map((l) => (
                    <tr key={l.id} data-testid={`link-${l.influencerId}`}>
                      <td className="px-4 py-3 font-medium text-gray-900">{l.influencerName}</td>
                      <td className="max-w-xs px-4 py-3">
                        <div className="flex items-center gap-2">
                          <code className="truncate font-mono text-xs text-gray-900" data-testid="short-url">
                            {l.shortUrl}
                          </code>
                          <CopyButton text={l.shortUrl} testId="copy-link" />
                        </div>
                        <p className="mt-1 truncate text-xs text-gray-500" title={l.destinationUrl}>
                          → {l.destinationUrl}
                        </p>
                        <p className="truncate text-xs text-gray-500">
                          {[l.utm.utmSource, l.utm.utmMedium, l.utm.utmCampaign, l.utm.utmContent].filter(Boolean).join(' · ')}
                          {l.expiresAt ? ` · until ${formatDate(new Date(l.expiresAt.getTime() - 86_400_000))}` : ''}
                        </p>
                      </td>
                      <td className="px-4 py-3 text-right tabular-nums" data-testid="clicks">
                        {formatNumber(l.clicks)}
                      </td>
                      <td className="px-4 py-3 text-right tabular-nums">{formatNumber(l.uniqueClicks)}</td>
                      <td className="px-4 py-3 text-right tabular-nums" data-testid="sales">
                        {formatNumber(l.sales)}
                      </td>
                      <td className="px-4 py-3 text-right tabular-nums">{l.sales ? money(l.revenueMinor) : '—'}</td>
                      <td className="px-4 py-3 text-right">
                        <div className="flex items-center justify-end gap-2">
                          <Badge tone={STATE_BADGE[l.state][0]}>{STATE_BADGE[l.state][1]}</Badge>
                          {canEdit && l.state !== 'expired' ? (
                            <SubmitButton
                              variant="ghost"
                              pendingLabel="…"
                              name="link"
                              value={`${l.id}|${l.state === 'active' ? 'false' : 'true'}`}
                            >
                              {l.state === 'active' ? 'Turn off' : 'Turn on'}
                            </SubmitButton>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </TableBody>
              </Table>
            </ActionForm>
          )}
        </Panel>
      </div>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="min-w-0 space-y-6 xl:col-span-2">
          <Panel
            title="Conversions"
            description={`The newest ${recent.length} of this campaign; hover a label for the rule`}
            padded={false}
          >
            {recent.length === 0 ? (
              <div className="p-5">
                <EmptyState title="No conversions yet">
                  Send leads and sales from your shop’s server to <code className="font-mono text-xs">{env.appUrl}/api/v1/track/sale</code>{' '}
                  with an API key (Team &amp; settings), passing back the <code className="font-mono text-xs">{env.CLICK_ID_PARAM}</code>{' '}
                  parameter the link added, or the discount code.
                </EmptyState>
              </div>
            ) : (
              <Table data-testid="conversions">
                <TableHead>
                  <th className="px-4 py-3">When</th>
                  <th className="px-4 py-3">Order or event</th>
                  <th className="px-4 py-3">Influencer</th>
                  <th className="px-4 py-3 text-right">Amount</th>
                  <th className="px-4 py-3">Attribution</th>
                </TableHead>
                <TableBody>
                  {recent.map((c) => (
                    <tr key={c.id}>
                      <td className="min-w-[7.5rem] px-4 py-3 text-gray-600">{formatDateTime(c.occurredAt)}</td>
                      <td className="px-4 py-3">
                        <span className="font-medium text-gray-900">{c.externalId}</span>{' '}
                        <span className="text-xs text-gray-500">{c.kind === 'lead' ? 'lead' : 'sale'}</span>
                        {c.discountCode ? <span className="text-xs text-gray-500"> · code {c.discountCode}</span> : null}
                      </td>
                      <td className="px-4 py-3 text-gray-700">{c.influencerName ?? '—'}</td>
                      <td className="px-4 py-3 text-right tabular-nums">
                        {c.kind === 'lead' ? '—' : money(c.revenueMinor, c.currency ?? campaign.currency)}
                        {c.refundedMinor ? (
                          <p className="text-xs text-red-700">− {money(c.refundedMinor, c.currency ?? campaign.currency)} refunded</p>
                        ) : null}
                      </td>
                      <td className="whitespace-nowrap px-4 py-3">
                        <AttributionLabel c={c} codeBeatsClick={campaign.codeBeatsClick} />
                      </td>
                    </tr>
                  ))}
                </TableBody>
              </Table>
            )}
            {attribution.unattributedInOrganization ? (
              <p className="border-t border-gray-100 px-5 py-3 text-xs text-gray-500">
                {attribution.unattributedInOrganization === 1
                  ? '1 conversion of the organization matched no click or code: it is kept as unattributed and counts for no campaign.'
                  : `${formatNumber(attribution.unattributedInOrganization)} conversions of the organization matched no click or code: they are kept as unattributed and count for no campaign.`}
              </p>
            ) : null}
          </Panel>

          <Panel title="Discount codes" description="A sale sent with a code is credited to its creator" padded={false}>
            {codes.length === 0 ? (
              <p className="px-5 py-4 text-sm text-gray-500">No codes yet.</p>
            ) : (
              <ActionForm
                action={deleteCodeAction.bind(null, slug, campaign.id)}
                confirm="Remove this code? Sales naming it will no longer be credited to the creator."
                testId="codes-remove"
              >
                <ul className="divide-y divide-gray-100" data-testid="codes">
                  {codes.map((c) => (
                    <li key={c.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
                      <code className="font-mono font-semibold text-gray-900">{c.code}</code>
                      <span className="ml-auto text-gray-600">{c.influencerName}</span>
                      {canEdit ? (
                        <SubmitButton variant="ghost" pendingLabel="…" name="codeId" value={c.id} aria-label={`Remove code ${c.code}`}>
                          Remove
                        </SubmitButton>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </ActionForm>
            )}
            {canEdit && active.length ? (
              <ActionForm
                action={createCodeAction.bind(null, slug, campaign.id)}
                resetOnSuccess
                className="flex flex-wrap items-end gap-3 border-t border-gray-100 px-5 py-4"
                testId="code-form"
              >
                <FormField name="influencerId" label="Influencer" htmlFor="code-influencer">
                  <Select id="code-influencer" name="influencerId" className="w-56">
                    {active.map((c) => (
                      <option key={c.influencer.id} value={c.influencer.id}>
                        {c.influencer.displayName}
                      </option>
                    ))}
                  </Select>
                </FormField>
                <FormField name="code" label="Code" htmlFor="code-code">
                  <Input id="code-code" name="code" placeholder="ANA15" className="w-40" required />
                </FormField>
                <SubmitButton variant="secondary" pendingLabel="Adding…">
                  Add code
                </SubmitButton>
              </ActionForm>
            ) : null}
          </Panel>
        </div>

        <div className="space-y-6">
          {canEdit ? (
            <Panel title="Create links" description="For every collaboration at once, or one">
              {active.length === 0 ? (
                <p className="text-sm text-gray-500">Links are made per collaboration: accept an offer first.</p>
              ) : (
                <ActionForm action={createLinksAction.bind(null, slug, campaign.id)} className="space-y-4" testId="create-links">
                  <FormField
                    name="destinationUrl"
                    label="Destination"
                    htmlFor="link-destination"
                    hint="The page visitors land on; UTM parameters and the click id are added."
                  >
                    <Input id="link-destination" name="destinationUrl" type="url" placeholder="https://shop.example/product" required />
                  </FormField>
                  <FormField name="influencerId" label="For" htmlFor="link-influencer">
                    <Select id="link-influencer" name="influencerId" defaultValue="">
                      <option value="">Every collaboration ({active.length})</option>
                      {active.map((c) => (
                        <option key={c.influencer.id} value={c.influencer.id}>
                          {c.influencer.displayName}
                        </option>
                      ))}
                    </Select>
                  </FormField>
                  <FormField name="utmTemplateId" label="UTM template" htmlFor="link-template">
                    <Select id="link-template" name="utmTemplateId" defaultValue="">
                      <option value="">
                        Standard: {STANDARD_UTM_TEMPLATE.utmSource} / {STANDARD_UTM_TEMPLATE.utmMedium} /{' '}
                        {STANDARD_UTM_TEMPLATE.utmCampaign} / {STANDARD_UTM_TEMPLATE.utmContent}
                      </option>
                      {templates.map((t) => (
                        <option key={t.id} value={t.id}>
                          {t.name}: {t.utmSource} / {t.utmMedium} / {t.utmCampaign} / {t.utmContent}
                        </option>
                      ))}
                    </Select>
                  </FormField>
                  <FormField
                    name="expiresOn"
                    label="Last day (optional)"
                    htmlFor="link-expires"
                    hint="After this day the link shows “expired” instead of redirecting."
                  >
                    <Input id="link-expires" name="expiresOn" type="date" />
                  </FormField>
                  <SubmitButton pendingLabel="Creating…">Create links</SubmitButton>
                </ActionForm>
              )}
            </Panel>
          ) : null}

          <Panel title="Attribution rule" description="How sales are credited to this campaign">
            {canEdit ? (
              <ActionForm action={setAttributionAction.bind(null, slug, campaign.id)} className="space-y-4" testId="attribution-form">
                <FormField
                  name="attributionWindowDays"
                  label="Window (days)"
                  htmlFor="attr-window"
                  hint="A sale counts when it follows the click within this many days (a code: until this long after the campaign ends)."
                >
                  <Input
                    id="attr-window"
                    name="attributionWindowDays"
                    type="number"
                    min={1}
                    max={365}
                    defaultValue={campaign.attributionWindowDays}
                    required
                  />
                </FormField>
                <FormField name="winner" label="When a sale has both" htmlFor="attr-winner">
                  <Select id="attr-winner" name="winner" defaultValue={campaign.codeBeatsClick ? 'code' : 'click'}>
                    <option value="code">The discount code wins</option>
                    <option value="click">The last click wins</option>
                  </Select>
                </FormField>
                <SubmitButton variant="secondary">Save rule</SubmitButton>
              </ActionForm>
            ) : (
              <p className="text-sm text-gray-700">
                Last click within {campaign.attributionWindowDays} days;{' '}
                {campaign.codeBeatsClick ? 'a discount code wins over a click' : 'the click wins over a discount code'}.
              </p>
            )}
          </Panel>

          {canEdit ? (
            <Panel title="Save a UTM template" description="{platform}, {campaign} and {influencer} are filled per link">
              {templates.length ? (
                <ActionForm
                  action={deleteTemplateAction.bind(null, slug, campaign.id)}
                  confirm="Delete this template? Links made with it keep their UTM values."
                  className="mb-4"
                  testId="templates-delete"
                >
                  <ul className="divide-y divide-gray-100 rounded-md ring-1 ring-gray-200" data-testid="templates">
                    {templates.map((t) => (
                      <li key={t.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                        <div className="min-w-0">
                          <p className="font-medium text-gray-900">{t.name}</p>
                          <p className="truncate font-mono text-xs text-gray-500">
                            {t.utmSource} / {t.utmMedium} / {t.utmCampaign} / {t.utmContent}
                          </p>
                        </div>
                        <SubmitButton
                          variant="ghost"
                          pendingLabel="…"
                          name="templateId"
                          value={t.id}
                          aria-label={`Delete template ${t.name}`}
                        >
                          Delete
                        </SubmitButton>
                      </li>
                    ))}
                  </ul>
                </ActionForm>
              ) : null}
              <ActionForm
                action={saveTemplateAction.bind(null, slug, campaign.id)}
                resetOnSuccess
                className="space-y-3"
                testId="template-form"
              >
                <FormField name="name" label="Name" htmlFor="tpl-name">
                  <Input id="tpl-name" name="name" placeholder="Newsletter style" required />
                </FormField>
                <div className="grid grid-cols-2 gap-3">
                  <FormField name="utmSource" label="utm_source" htmlFor="tpl-source">
                    <Input id="tpl-source" name="utmSource" defaultValue="{platform}" required />
                  </FormField>
                  <FormField name="utmMedium" label="utm_medium" htmlFor="tpl-medium">
                    <Input id="tpl-medium" name="utmMedium" defaultValue="influencer" required />
                  </FormField>
                  <FormField name="utmCampaign" label="utm_campaign" htmlFor="tpl-campaign">
                    <Input id="tpl-campaign" name="utmCampaign" defaultValue="{campaign}" required />
                  </FormField>
                  <FormField name="utmContent" label="utm_content" htmlFor="tpl-content">
                    <Input id="tpl-content" name="utmContent" defaultValue="{influencer}" required />
                  </FormField>
                </div>
                <SubmitButton variant="secondary">Save template</SubmitButton>
              </ActionForm>
            </Panel>
          ) : null}
        </div>
      </div>
    </>
  );
}
