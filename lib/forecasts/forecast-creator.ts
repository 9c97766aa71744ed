import { eq } from 'drizzle-orm';
import { socialAccounts } from '@/db/schema';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { reader } from '../transaction';
import { isUuid } from '../validation';
import { forecastFor, type DeliverableForecast } from './internal';

/**
 * Forecasts of one deliverable by a creator on each platform the creator has an account on, before
 * a fee is set (pages apply the fee typed: implied CPM = fee ÷ views × 1000, CPE = fee ÷
 * engagements). Built from the organization's data and public API data only (lib/forecasts
 * `forecastFor`); not stored — the forecasts of a sent offer are. Any member.
 * @returns the forecasts, ordered by platform.
 * @throws NotFoundError (not a member; unknown influencer).
 */
export async function forecastCreator({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; influencerId: string }>): Promise<{ forecasts: DeliverableForecast[] }> {
  const db = await reader(ctx);
  const { org } = await requireOrgRole(db, ctx, { slug: input.orgSlug }, 'viewer');
  if (!isUuid(input.influencerId)) throw new NotFoundError('Influencer');
  const accounts = await db
    .selectDistinct({ platform: socialAccounts.platform })
    .from(socialAccounts)
    .where(eq(socialAccounts.influencerId, input.influencerId))
    .orderBy(socialAccounts.platform);
  const priors = new Map();
  const forecasts = await Promise.all(accounts.map((a) => forecastFor(db, org, input.influencerId, a.platform, null, priors)));
  return { forecasts };
}
