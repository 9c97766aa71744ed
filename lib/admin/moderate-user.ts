import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/connect';
import {
  accountClaims,
  campaignShortlist,
  follows,
  influencers,
  orgInfluencers,
  organizations,
  socialAccounts,
  users,
  type User,
} from '@/db/schema';
import { audit } from '../audit/write-audit';
import { detachAccounts } from '../claims/internal';
import { deleteOrganization } from '../orgs/delete-organization';
import { revokeAllSessions } from '../auth/sessions';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ForbiddenError, NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid, parseInput } from '../validation';
import { emailAdminNotices, storeAdminNotices } from './admin-notice';
import { asSentence } from '../text/sentence';

const reasonSchema = z.object({ reason: z.string().trim().min(3, 'Give a reason the user will read').max(500, 'At most 500 characters') });

/** The user an admin acts on, locked; never an admin (including oneself). */
async function targetUser(tx: Tx, userId: string): Promise<User> {
  if (!isUuid(userId)) throw new NotFoundError('User');
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new NotFoundError('User');
  if (user.role === 'admin') throw new ForbiddenError('Admins cannot be flagged or deleted here');
  return user;
}

/**
 * An admin flags a user (they can no longer sign in, and their sessions end) with a reason, or
 * unflags them. Audited; the user is told by email.
 * @throws ForbiddenError (not an admin; target is an admin); NotFoundError; ValidationError (no reason when flagging).
 */
export async function setUserFlag({ ctx, input }: VerbArgs<{ userId: string; flagged: boolean; reason?: string }>): Promise<void> {
  requireUserRole(ctx, 'admin');
  const notice = await withTransaction(ctx, async (tx) => {
    const user = await targetUser(tx, input.userId);
    const reason = input.flagged ? parseInput(reasonSchema, { reason: input.reason ?? '' }).reason : null;
    await tx
      .update(users)
      .set({ flaggedAt: input.flagged ? new Date() : null, flagReason: reason, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    // Suspension ends every session for good: unflagging later does not revive them.
    if (input.flagged) await revokeAllSessions(tx, user.id);
    await audit(tx, ctx, {
      action: input.flagged ? 'admin.user_flagged' : 'admin.user_unflagged',
      targetType: 'user',
      targetId: user.id,
      before: { flaggedAt: user.flaggedAt, flagReason: user.flagReason },
      after: { flagged: input.flagged, flagReason: reason },
    });
    const n = {
      userId: user.id,
      email: user.email,
      name: user.name,
      title: input.flagged ? 'Your Reachboard account is suspended' : 'Your Reachboard account is active again',
      body: input.flagged ? `Reason: ${asSentence(reason!)} Reply to this email to appeal.` : 'You can sign in again.',
      url: input.flagged ? '/sign-in' : '/home',
    };
    await storeAdminNotices(tx, [n]);
    return n;
  });
  await emailAdminNotices([notice]);
}

/**
 * An admin deletes a user: their memberships, follows, sessions and notifications go with them. An
 * influencer's private creator workspace is deleted with all its data, and nothing of theirs is
 * handed to anyone: their social accounts move to fresh tracked profiles (brands keep what they
 * measured; a later claim of the handle starts empty), and their profile stays only as a "Deleted
 * creator" counterpart of the brands' past offers and conversations, claimable by nobody. Audited
 * with the user's details; the user is told by email.
 * @throws ForbiddenError (not an admin; target is an admin); NotFoundError.
 */
export async function deleteUser({ ctx, input }: VerbArgs<{ userId: string }>): Promise<void> {
  requireUserRole(ctx, 'admin');
  const notice = await withTransaction(ctx, async (tx) => {
    const user = await targetUser(tx, input.userId);
    if (user.role === 'influencer') {
      const [profile] = await tx.select({ id: influencers.id }).from(influencers).where(eq(influencers.userId, user.id)).for('update');
      if (profile) await tombstoneProfile(tx, profile.id);
    }
    await tx.delete(users).where(eq(users.id, user.id));
    await audit(tx, ctx, {
      action: 'admin.user_deleted',
      targetType: 'user',
      targetId: user.id,
      before: { email: user.email, name: user.name, role: user.role },
    });
    return {
      userId: null,
      email: user.email,
      name: user.name,
      title: 'Your Reachboard account was deleted',
      body: 'A Reachboard admin deleted your account. Reply to this email if you think this is a mistake.',
      url: '/',
    };
  });
  await emailAdminNotices([notice]);
}

/** A deleted creator's profile: workspace and its data gone, accounts detached, only a tombstone left. */
async function tombstoneProfile(tx: Tx, profileId: string): Promise<void> {
  const workspaces = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.influencerId, profileId), eq(organizations.kind, 'creator')));
  for (const w of workspaces) await deleteOrganization(tx, w.id);
  const accounts = await tx.select({ id: socialAccounts.id }).from(socialAccounts).where(eq(socialAccounts.influencerId, profileId));
  await detachAccounts(
    tx,
    profileId,
    accounts.map((a) => a.id),
  );
  await tx.delete(orgInfluencers).where(eq(orgInfluencers.influencerId, profileId));
  await tx.delete(campaignShortlist).where(eq(campaignShortlist.influencerId, profileId));
  await tx.delete(follows).where(eq(follows.influencerId, profileId));
  await tx.delete(accountClaims).where(eq(accountClaims.influencerId, profileId));
  await tx
    .update(influencers)
    .set({
      userId: null,
      displayName: 'Deleted creator',
      bio: null,
      category: null,
      country: null,
      rateMinor: null,
      rateCurrency: null,
      verifiedAt: null,
      deletedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(influencers.id, profileId));
}
