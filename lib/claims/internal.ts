import { actingUser, type Ctx } from '../context';
import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/connect';
import { pgArray, rowsOf } from '@/db/sql';
import { accountClaims, influencers, socialAccounts, type AccountClaim } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { ConflictError, NotFoundError } from '../errors';
import { isUuid } from '../validation';
import { refreshInfluencerMetrics } from '../rollups/refresh-influencer-metrics';
import { refreshAccountMetrics } from '../rollups/refresh-account-metrics';
import { refreshOrgMetrics } from '../rollups/refresh-org-metrics';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh verification code, `RB-` and 8 characters without look-alikes (40 bits of entropy). */
export function newClaimCode(): string {
  return `RB-${[...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')}`;
}

/** Whether a profile text carries the code (case and surrounding text ignored). */
export function textHasCode(text: string, code: string): boolean {
  return text.toUpperCase().includes(code.toUpperCase());
}

/**
 * Moves everything that refers to profile `fromId` to profile `intoId`, then deletes `fromId`:
 * social accounts, roster entries (with their labels where `intoId`'s have none), shortlists,
 * collaborations, conversations (messages of a duplicate pair join the kept one), offers, follows,
 * tracking links and their clicks, discount codes, conversions, claims, and the rollups keyed by influencer (monthly totals add up).
 * Where both profiles have a row for the same campaign or pair, the `intoId` row is kept.
 * Runs in the caller's transaction.
 */
async function mergeInfluencerInto(tx: Tx, fromId: string, intoId: string): Promise<void> {
  const from = sql`${fromId}::uuid`;
  const into = sql`${intoId}::uuid`;
  await tx.execute(sql`update social_accounts set influencer_id = ${into} where influencer_id = ${from}`);
  await tx.execute(sql`
    insert into org_influencers (org_id, influencer_id, source, added_by, added_at, display_name, country, category)
    select org_id, ${into}, source, added_by, added_at, display_name, country, category from org_influencers where influencer_id = ${from}
    on conflict (org_id, influencer_id) do update set
      display_name = coalesce(org_influencers.display_name, excluded.display_name),
      country = coalesce(org_influencers.country, excluded.country),
      category = coalesce(org_influencers.category, excluded.category)`);
  await tx.execute(sql`
    update campaign_shortlist s set influencer_id = ${into} where s.influencer_id = ${from}
      and not exists (select 1 from campaign_shortlist k where k.campaign_id = s.campaign_id and k.influencer_id = ${into})`);
  await tx.execute(sql`
    update collaborations c set influencer_id = ${into} where c.influencer_id = ${from}
      and not exists (select 1 from collaborations k where k.campaign_id = c.campaign_id and k.influencer_id = ${into})`);
  await tx.execute(sql`
    update messages m set conversation_id = k.id from conversations c, conversations k
    where m.conversation_id = c.id and c.influencer_id = ${from} and k.org_id = c.org_id and k.influencer_id = ${into}`);
  await tx.execute(sql`
    update conversations c set influencer_id = ${into} where c.influencer_id = ${from}
      and not exists (select 1 from conversations k where k.org_id = c.org_id and k.influencer_id = ${into})`);
  await tx.execute(sql`update offers set influencer_id = ${into} where influencer_id = ${from}`);
  await tx.execute(
    sql`insert into follows (fan_id, influencer_id, created_at) select fan_id, ${into}, created_at from follows where influencer_id = ${from} on conflict do nothing`,
  );
  await tx.execute(sql`update tracking_links set influencer_id = ${into} where influencer_id = ${from}`);
  await tx.execute(sql`update discount_codes set influencer_id = ${into} where influencer_id = ${from}`);
  await tx.execute(sql`update conversions set influencer_id = ${into} where influencer_id = ${from}`);
  await tx.execute(sql`update account_claims set influencer_id = ${into} where influencer_id = ${from}`);
  await tx.execute(sql`update account_metrics set influencer_id = ${into} where influencer_id = ${from}`);
  await refreshInfluencerMetrics(tx, { influencerIds: [fromId, intoId] });
  await tx.execute(sql`
    insert into influencer_monthly_metrics (owner_org_id, influencer_id, month, posts, views, engagements, er_engagements, er_views)
    select owner_org_id, ${into}, month, posts, views, engagements, er_engagements, er_views from influencer_monthly_metrics where influencer_id = ${from}
    on conflict (owner_org_id, month, influencer_id) do update set
      posts = influencer_monthly_metrics.posts + excluded.posts,
      views = case when influencer_monthly_metrics.views is null and excluded.views is null then null
        else coalesce(influencer_monthly_metrics.views, 0) + coalesce(excluded.views, 0) end,
      engagements = case when influencer_monthly_metrics.engagements is null and excluded.engagements is null then null
        else coalesce(influencer_monthly_metrics.engagements, 0) + coalesce(excluded.engagements, 0) end,
      er_engagements = case when influencer_monthly_metrics.er_engagements is null and excluded.er_engagements is null then null
        else coalesce(influencer_monthly_metrics.er_engagements, 0) + coalesce(excluded.er_engagements, 0) end,
      er_views = case when influencer_monthly_metrics.er_views is null and excluded.er_views is null then null
        else coalesce(influencer_monthly_metrics.er_views, 0) + coalesce(excluded.er_views, 0) end`);
  await tx.execute(sql`delete from influencer_monthly_metrics where influencer_id = ${from}`);
  // Rows left on `fromId` duplicate one `intoId` already has; they go with it (cascade).
  await tx.delete(influencers).where(eq(influencers.id, fromId));
}

/**
 * Detaches social accounts from a creator's profile: each moves to a fresh tracked profile named
 * by the platform (its API name, else the handle), on the rosters that had the creator, with those
 * organizations' labels; their rollups follow. Brands keep their measurements; nothing private of
 * the creator goes with the accounts. Runs in the caller's transaction.
 * @returns the new profile ids.
 */
export async function detachAccounts(tx: Tx, profileId: string, accountIds: string[]): Promise<string[]> {
  const created: string[] = [];
  for (const accountId of accountIds) {
    const [account] = await tx
      .select()
      .from(socialAccounts)
      .where(and(eq(socialAccounts.id, accountId), eq(socialAccounts.influencerId, profileId)));
    if (!account) continue;
    const [fresh] = await tx
      .insert(influencers)
      .values({ displayName: account.displayName ?? account.handle })
      .returning({ id: influencers.id });
    await tx.update(socialAccounts).set({ influencerId: fresh.id }).where(eq(socialAccounts.id, account.id));
    await tx.execute(sql`
      insert into org_influencers (org_id, influencer_id, source, added_by, added_at, display_name, country, category)
      select org_id, ${fresh.id}::uuid, source, added_by, added_at, display_name, country, category
      from org_influencers where influencer_id = ${profileId}::uuid and source <> 'self'
      on conflict do nothing`);
    await tx.execute(sql`update account_metrics set influencer_id = ${fresh.id}::uuid where social_account_id = ${account.id}::uuid`);
    created.push(fresh.id);
  }
  // Monthly totals per influencer cannot be split: recompute them where the accounts have data.
  const owners = rowsOf<{ owner_org_id: string }>(
    await tx.execute(sql`
      select distinct owner_org_id from account_metrics where social_account_id = any(${pgArray(accountIds)}::uuid[]) and owner_org_id is not null`),
  );
  for (const { owner_org_id } of owners) {
    await refreshAccountMetrics(tx, owner_org_id, accountIds);
    await refreshOrgMetrics(tx, owner_org_id, null);
  }
  // The roster rows of the profile the accounts left (its own account_metrics rows moved first).
  await refreshInfluencerMetrics(tx, { influencerIds: [profileId, ...created] });
  return created;
}

/**
 * Completes a proven claim (code read back, an admin's approval, or a platform connection): the account joins the
 * claimer's profile, which becomes verified. When a tracked profile held the account, that profile
 * merges into the claimer's; when another creator's unverified profile held it (a claim typed
 * before claims needed proof), only the account moves. The platform's ids and name, when the check
 * read them, are stored on the account. Audited.
 * @throws ConflictError when another creator already verified the account.
 * @returns the social account id.
 */
export async function completeClaim(
  tx: Tx,
  ctx: Ctx,
  claim: AccountClaim,
  proof: {
    method: 'bio_code' | 'review' | 'connection';
    profile?: { platformAccountId: string; displayName: string | null; url: string | null };
  },
): Promise<string> {
  const [held] = await tx
    .select({ account: socialAccounts, owner: { id: influencers.id, userId: influencers.userId, verifiedAt: influencers.verifiedAt } })
    .from(socialAccounts)
    .innerJoin(influencers, eq(influencers.id, socialAccounts.influencerId))
    .where(
      proof.profile
        ? sql`(${socialAccounts.platform} = ${claim.platform} and ${socialAccounts.handle} = ${claim.handle})
            or (${socialAccounts.platform} = ${claim.platform} and ${socialAccounts.platformAccountId} = ${proof.profile.platformAccountId})`
        : and(eq(socialAccounts.platform, claim.platform), eq(socialAccounts.handle, claim.handle)),
    )
    .for('update')
    .limit(1);
  let accountId: string;
  if (!held) {
    const [created] = await tx
      .insert(socialAccounts)
      .values({
        influencerId: claim.influencerId,
        platform: claim.platform,
        handle: claim.handle,
        platformAccountId: proof.profile?.platformAccountId ?? null,
        displayName: proof.profile?.displayName ?? null,
        url: proof.profile?.url ?? null,
      })
      .returning({ id: socialAccounts.id });
    accountId = created.id;
  } else {
    accountId = held.account.id;
    if (held.owner.id !== claim.influencerId) {
      if (held.owner.userId && held.owner.verifiedAt)
        throw new ConflictError(`@${claim.handle} is verified by another Reachboard creator. Contact support if it is yours.`);
      if (held.owner.userId) await detachAccountTo(tx, accountId, claim.influencerId);
      else await mergeInfluencerInto(tx, held.owner.id, claim.influencerId);
    }
    if (proof.profile)
      await tx
        .update(socialAccounts)
        .set({ platformAccountId: proof.profile.platformAccountId, displayName: proof.profile.displayName, url: proof.profile.url })
        .where(eq(socialAccounts.id, accountId));
  }
  const now = new Date();
  await tx
    .update(accountClaims)
    .set({
      status: 'verified',
      method: proof.method,
      decidedAt: now,
      decidedBy: actingUser(ctx)?.userId ?? null,
      socialAccountId: accountId,
    })
    .where(eq(accountClaims.id, claim.id));
  // Other creators' open claims of the same account can no longer succeed.
  await tx
    .update(accountClaims)
    .set({ status: 'rejected', decidedAt: now, rejectionReason: 'Another creator proved this account is theirs' })
    .where(
      and(
        eq(accountClaims.platform, claim.platform),
        eq(accountClaims.handle, claim.handle),
        eq(accountClaims.status, 'pending'),
        ne(accountClaims.influencerId, claim.influencerId),
      ),
    );
  await tx
    .update(influencers)
    .set({ verifiedAt: sql`coalesce(${influencers.verifiedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
    .where(and(eq(influencers.id, claim.influencerId), isNotNull(influencers.userId)));
  await audit(tx, ctx, {
    action: 'influencer.claim_verified',
    targetType: 'social_account',
    targetId: accountId,
    after: { claimId: claim.id, influencerId: claim.influencerId, platform: claim.platform, handle: claim.handle, method: proof.method },
  });
  return accountId;
}

/** Moves one account from another creator's unverified profile to the claimer's, with its rollups. */
async function detachAccountTo(tx: Tx, accountId: string, intoId: string): Promise<void> {
  const [account] = await tx.select().from(socialAccounts).where(eq(socialAccounts.id, accountId));
  const [fresh] = await detachAccounts(tx, account.influencerId, [accountId]);
  await mergeInfluencerInto(tx, fresh, intoId);
}

/**
 * A claim of the signed-in creator's own profile.
 * @throws NotFoundError for a malformed id or anyone else's claim (no existence leak).
 */
export async function getOwnClaimOrThrow(db: Db | Tx, userId: string, claimId: string): Promise<AccountClaim> {
  if (!isUuid(claimId)) throw new NotFoundError('Claim');
  const [row] = await db
    .select({ claim: accountClaims })
    .from(accountClaims)
    .innerJoin(influencers, eq(influencers.id, accountClaims.influencerId))
    .where(and(eq(accountClaims.id, claimId), eq(influencers.userId, userId)));
  if (!row) throw new NotFoundError('Claim');
  return row.claim;
}
