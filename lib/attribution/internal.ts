import { and, eq, sql } from 'drizzle-orm';
import { conversionRefunds, conversions } from '@/db/schema';
import { rowsOf } from '@/db/sql';
import type { Ctx } from '../context';
import { getEnv } from '../env';
import { NotFoundError } from '../errors';
import { flushClicks } from '../links/click-writer';
import { attribute, type Attribution, type ClickMatch, type CodeMatch } from '../metrics/attribution';
import { reader, withTransaction } from '../transaction';

/** A conversion as the tracking API and the shop webhooks hand it over (validated). */
export type ConversionData = {
  kind: 'lead' | 'sale';
  externalId: string;
  clickId?: string;
  discountCode?: string;
  customerExternalId?: string;
  occurredAt: Date;
  amountMinor?: number;
  currency?: string;
};

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
 * Records a lead or a sale of organization `orgId` (sent with API key `apiKeyId`, or by a verified
 * shop webhook: null) and attributes it (lib/metrics/attribution.ts): the click it names — or, for a sale with only a
 * customer id, the click of that customer's latest lead — and the discount code it names, under
 * the campaign's window and code-or-click rule. Unmatched and out-of-window conversions are stored
 * and labelled, never dropped. Idempotent on (organization, kind, externalId) by a unique
 * constraint: concurrent deliveries of one order record exactly one sale.
 * A click id this instance has not written yet (clicks are written in batches) is waited for, once,
 * for one flush interval.
 */
export async function recordConversion(
  ctx: Ctx,
  source: { orgId: string; apiKeyId: string | null },
  data: ConversionData,
): Promise<TrackedConversion> {
  const db = await reader(ctx);
  const { orgId } = source;

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
        revenueMinor: data.kind === 'sale' ? (data.amountMinor ?? null) : null,
        currency: data.kind === 'sale' ? (data.currency ?? null) : null,
        provenance: 'api',
        attributedBy: decided.method,
        attributionStatus: decided.status,
        clickId,
        discountCode: data.discountCode?.toUpperCase() ?? null,
        customerExternalId: data.customerExternalId ?? null,
        windowDays: decided.windowDays,
        apiKeyId: source.apiKeyId,
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

/** A refund as the tracking API and the shop webhooks hand it over (validated). */
export type RefundData = {
  externalId: string;
  saleExternalId: string;
  /** Minor units refunded by this refund; absent: what remains of the sale. */
  amountMinor?: number;
  /** Instead of `amountMinor`: the sale's refunded total after this refund (Stripe reports totals). */
  totalRefundedMinor?: number;
  occurredAt: Date;
};

/**
 * Records a refund of organization `orgId`'s sale: the sale's counted revenue becomes revenue −
 * Σ refunds, never below 0. Idempotent on (organization, refund externalId).
 * @returns the sale's id, its amount, what is refunded in total, and whether this refund was new.
 * @throws NotFoundError (no such sale in this organization: send the sale first).
 */
export async function recordRefund(ctx: Ctx, orgId: string, data: RefundData) {
  return withTransaction(ctx, async (tx) => {
    const [sale] = await tx
      .select({ id: conversions.id, revenueMinor: conversions.revenueMinor, refundedMinor: conversions.refundedMinor })
      .from(conversions)
      .where(and(eq(conversions.orgId, orgId), eq(conversions.kind, 'sale'), eq(conversions.externalId, data.saleExternalId)))
      .for('update');
    if (!sale) throw new NotFoundError('Sale');
    const revenue = sale.revenueMinor ?? 0;
    const remaining = revenue - sale.refundedMinor;
    const asked = data.totalRefundedMinor !== undefined ? data.totalRefundedMinor - sale.refundedMinor : (data.amountMinor ?? remaining);
    const amount = Math.min(asked, remaining);
    const [inserted] = await tx
      .insert(conversionRefunds)
      .values({
        orgId: orgId,
        conversionId: sale.id,
        externalId: data.externalId,
        amountMinor: Math.max(0, amount),
        occurredAt: data.occurredAt,
      })
      .onConflictDoNothing()
      .returning({ amountMinor: conversionRefunds.amountMinor });
    let refunded = sale.refundedMinor;
    if (inserted) {
      const [updated] = await tx
        .update(conversions)
        .set({ refundedMinor: sql`least(${conversions.revenueMinor}, ${conversions.refundedMinor} + ${inserted.amountMinor})` })
        .where(eq(conversions.id, sale.id))
        .returning({ refundedMinor: conversions.refundedMinor });
      refunded = updated.refundedMinor;
    }
    return { saleId: sale.id, amountMinor: revenue, refundedMinor: refunded, duplicate: !inserted };
  });
}
