import { orgInfluencers, trackedAccounts } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import { actingUser, type VerbArgs } from '../context';
import { ForbiddenError, ValidationError } from '../errors';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { parseAccountInput } from './account-input';
import { RefreshOutcome, findOrCreateAccount, requestRefresh, trackSchema } from './internal';

/**
 * A brand member (manager or owner) starts tracking an account by channel URL, channel id or
 * handle: it joins the organization's roster, and its first refresh for the organization runs now
 * (or is queued when background jobs are connected); afterwards the hourly schedule keeps it
 * current at the organization's interval. Only brands spend the platforms' quota on accounts; a
 * creator workspace may track the creator's own verified accounts.
 * @returns the account id and how its first refresh went.
 * @throws NotFoundError; ForbiddenError (viewer, a creator workspace and an account not the
 *         creator's); ValidationError (platform without a connector, input that is not an
 *         account of the platform).
 */
export async function trackAccount({
  ctx,
  input,
}: VerbArgs<{ orgSlug: string; platform: string; account: string }>): Promise<{ socialAccountId: string; refresh: RefreshOutcome }> {
  const t = parseInput(trackSchema, input);
  const ref = parseAccountInput(t.platform, t.account);
  if (!ref)
    throw new ValidationError(
      `account: Not a ${{ youtube: 'YouTube channel URL, channel id', instagram: 'Instagram profile URL', tiktok: 'TikTok profile URL', twitch: 'Twitch channel URL', dailymotion: 'Dailymotion profile URL' }[t.platform]} or handle`,
      { account: 'Paste a channel URL, channel id or handle' },
    );
  const account = await withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: input.orgSlug }, 'manager');
    const account = await findOrCreateAccount(tx, t.platform, ref);
    if (org.kind === 'creator' && account.influencerId !== org.influencerId)
      throw new ForbiddenError('A creator workspace tracks only the accounts you verified on your profile');
    await tx
      .insert(trackedAccounts)
      .values({ orgId: org.id, socialAccountId: account.id, addedBy: actingUser(ctx)?.userId ?? null })
      .onConflictDoNothing();
    await tx
      .insert(orgInfluencers)
      .values({ orgId: org.id, influencerId: account.influencerId, source: 'tracked', addedBy: actingUser(ctx)?.userId ?? null })
      .onConflictDoNothing();
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'account.tracked',
      targetType: 'social_account',
      targetId: account.id,
      after: { platform: t.platform, input: t.account },
    });
    return { account, orgId: org.id };
  });
  return {
    socialAccountId: account.account.id,
    refresh: await requestRefresh(account.account.id, account.account.platform, account.orgId),
  };
}
