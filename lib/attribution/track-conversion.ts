import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conversions } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import { requireApiKey } from '../authz/guards';
import type { VerbArgs } from '../context';
import { getEnv } from '../env';
import { flushClicks } from '../links/click-writer';
import { attribute, type Attribution, type ClickMatch, type CodeMatch } from '../metrics/attribution';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { reader } from '../transaction';

/** The largest amount accepted, in minor units (what a bigint column and a double both hold exactly). */
const MAX_AMOUNT_MINOR = 9_007_199_254_740_991;

const text = (max: number, what: string) => z.string().trim().min(1, `is empty`).max(max, `is longer than ${max} characters (${what})`);

const base = {
  /** The organization's own id of the event (order id, sign-up id): sending it again changes nothing. */
  externalId: text(200, 'the order or event id'),
  /** The click id the destination received (`rb_click`). */
  clickId: z.guid('is not a Reachboard click id (the rb_click parameter)').optional(),
  discountCode: text(64, 'a discount code').optional(),
  /** The shop's customer id: a sale without a click id is credited to the click of this customer's lead. */
  customerExternalId: text(200, 'the customer id').optional(),
  /** When it happened (ISO 8601 with offset); default: now. */
  occurredAt: z.iso
    .datetime({ offset: true, error: 'Send an ISO 8601 date-time such as 2026-11-30T14:05:00Z' })
    .optional()
    .transform((v) => (v ? new Date(v) : new Date()))
    .refine((d) => d.getTime() <= Date.now() + 3_600_000, 'is in the future')
    .refine((d) => d.getTime() >= Date.UTC(2000, 0, 1), 'is before 2000'),
};

const leadSchema = z.object({ kind: z.literal('lead'), ...base }).strict();
const saleSchema = z
  .object({
    kind: z.literal('sale'),
    ...base,
    /** The order amount in minor units of `currency` (cents): 1999 = 19.99. */
    amountMinor: z
      .number({ error: 'Send the amount as an integer number of minor units (cents)' })
      .int('must be an integer number of minor units (cents): 19.99 is 1999')
      .min(0, 'is negative (send refunds to /api/v1/track/refund)')
      .max(MAX_AMOUNT_MINOR, 'is too large'),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as USD')
      .transform((v) => v.toUpperCase()),
  })
  .strict();

const schema = z.discriminatedUnion('kind', [leadSchema, saleSchema], { error: 'kind must be "lead" or "sale"' });
export type TrackConversionInput = z.input<typeof schema>;

/** What the tracking API answers. */
export type TrackedConversion = {
  id: string;
  kind: 'lead' | 'sale';
  externalId: string;
  /** True when this external id was already recorded: nothing changed. */
  duplicate: boolean;
  attribution: Pick<Attribution, 'status' | 'method' | 'campaignId' | 'influencerId' | 'windowDays'>;
};

type Db = Awaited<ReturnType<typeof reader>>;

const CAMPAIGN_COLUMNS = sql`c.id as campaign_id, c.attribution_window_days, c.code_beats_click, c.starts_on::text as starts_on, c.ends_on::text as ends_on`;

function campaignOfRow(r: Record<string, unknown>) {
  return {
    campaignId: String(r.campaign_id),
    windowDays: Number(r.attribution_window_days),
    codeBeatsClick: Boolean(r.code_beats_click),
    startsOn: (r.starts_on as string | null) ?? null,
    endsOn: (r.ends_on as string | null) ?? null,
  };
}

/** The organization's click `clickId` with its link's collaboration and campaign rule, or null. */
async function findClick(db: Db, orgId: string, clickId: string): Promise<ClickMatch | null> {
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select k.clicked_at, l.id as link_id, l.influencer_id, ${CAMPAIGN_COLUMNS}
      from link_clicks k join tracking_links l on l.id = k.tracking_link_id join campaigns c on c.id = l.campaign_id
      where k.id = ${clickId}::uuid and k.org_id = ${orgId}::uuid`),
  );
  if (!r) return null;
  return {
    ...campaignOfRow(r),
    influencerId: String(r.influencer_id),
    trackingLinkId: String(r.link_id),
    clickedAt: new Date(r.clicked_at as string),
  };
}

/**
 * Records a lead or a sale sent by the organization's server (API key with the `track` scope) and
 * attributes it (lib/metrics/attribution.ts): the click it names — or, for a sale with only a
 * customer id, the click of that customer's latest lead — and the discount code it names, under
 * the campaign's window and code-or-click rule. Unmatched and out-of-window conversions are stored
 * and labelled, never dropped. Idempotent on (organization, kind, externalId) by a unique
 * constraint: concurrent deliveries of one order record exactly one sale.
 * A click id this instance has not written yet (clicks are written in batches) is waited for, once,
 * for one flush interval.
 * @throws ValidationError (field, what was wrong); UnauthorizedError; ForbiddenError (scope).
 */
export async function trackConversion({ ctx, input }: VerbArgs<Untrusted<TrackConversionInput>>): Promise<TrackedConversion> {
  const key = requireApiKey(ctx, 'track');
  const data = parseInput(schema, input);
  const db = await reader(ctx);
  const orgId = key.orgId;

  const [existing] = await db
    .select()
    .from(conversions)
    .where(and(eq(conversions.orgId, orgId), eq(conversions.kind, data.kind), eq(conversions.externalId, data.externalId)));
  if (existing) return answer(existing, true);

  let click: ClickMatch | null = null;
  let clickId = data.clickId ?? null;
  if (clickId) {
    click = await findClick(db, orgId, clickId);
    if (!click) {
      await flushClicks();
      click = await findClick(db, orgId, clickId);
    }
    if (!click) {
      await new Promise((resolve) => setTimeout(resolve, getEnv().CLICK_FLUSH_MS + 250));
      click = await findClick(db, orgId, clickId);
    }
  } else if (data.customerExternalId) {
    const [lead] = rowsOf<{ click_id: string }>(
      await db.execute(sql`
        select click_id from conversions
        where org_id = ${orgId}::uuid and kind = 'lead' and customer_external_id = ${data.customerExternalId} and click_id is not null
        order by occurred_at desc, id desc limit 1`),
    );
    if (lead) {
      clickId = lead.click_id;
      click = await findClick(db, orgId, clickId);
    }
  }

  let code: CodeMatch | null = null;
  if (data.discountCode) {
    const [r] = rowsOf<Record<string, unknown>>(
      await db.execute(sql`
        select d.influencer_id, ${CAMPAIGN_COLUMNS}
        from discount_codes d join campaigns c on c.id = d.campaign_id
        where d.org_id = ${orgId}::uuid and d.code = ${data.discountCode.toUpperCase()}`),
    );
    if (r) code = { ...campaignOfRow(r), influencerId: String(r.influencer_id) };
  }

  const decided = attribute(data.occurredAt, click, code);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(conversions)
      .values({
        orgId,
        kind: data.kind,
        campaignId: decided.campaignId,
        influencerId: decided.influencerId,
        trackingLinkId: decided.trackingLinkId,
        externalId: data.externalId,
        occurredAt: data.occurredAt,
        revenueMinor: data.kind === 'sale' ? data.amountMinor : null,
        currency: data.kind === 'sale' ? data.currency : null,
        provenance: 'api',
        attributedBy: decided.method,
        attributionStatus: decided.status,
        clickId,
        discountCode: data.discountCode?.toUpperCase() ?? null,
        customerExternalId: data.customerExternalId ?? null,
        windowDays: decided.windowDays,
        apiKeyId: key.keyId,
      })
      .onConflictDoNothing({ target: [conversions.orgId, conversions.kind, conversions.externalId] })
      .returning();
    if (row) return answer(row, false);
    // Another delivery of the same event won the race: answer with the one stored.
    const [stored] = await tx
      .select()
      .from(conversions)
      .where(and(eq(conversions.orgId, orgId), eq(conversions.kind, data.kind), eq(conversions.externalId, data.externalId)));
    return answer(stored, true);
  });
}

function answer(row: typeof conversions.$inferSelect, duplicate: boolean): TrackedConversion {
  return {
    id: row.id,
    kind: row.kind,
    externalId: row.externalId,
    duplicate,
    attribution: {
      status: row.attributionStatus,
      method: row.attributedBy === 'click' || row.attributedBy === 'code' ? row.attributedBy : null,
      campaignId: row.campaignId,
      influencerId: row.influencerId,
      windowDays: row.windowDays,
    },
  };
}
