import type { Ctx } from '../context';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/connect';
import { influencers, memberships, organizations, orgInfluencers } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { uniqueOrgSlug } from './unique-org-slug';

/**
 * Creates the creator workspace of an influencer profile, owned by `userId`: an organization of
 * kind `creator` named after the profile, with the profile on its roster (source "self"). The
 * creator imports their platform exports there and sees the brand analytics views over their own
 * accounts, private to them. Idempotent: returns the existing workspace's slug.
 * Runs in the caller's transaction.
 */
export async function ensureCreatorWorkspace(tx: Tx, ctx: Ctx, userId: string, influencerId: string): Promise<string> {
  const [existing] = await tx
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.influencerId, influencerId))
    .limit(1);
  if (existing) return existing.slug;
  const [profile] = await tx.select({ name: influencers.displayName }).from(influencers).where(eq(influencers.id, influencerId));
  const slug = await uniqueOrgSlug(tx, `${profile.name} analytics`);
  const [org] = await tx
    .insert(organizations)
    .values({ name: profile.name, slug, kind: 'creator', influencerId })
    .returning({ id: organizations.id });
  await tx.insert(memberships).values({ orgId: org.id, userId, role: 'owner' });
  await tx.insert(orgInfluencers).values({ orgId: org.id, influencerId, source: 'self', addedBy: userId }).onConflictDoNothing();
  await audit(tx, ctx, {
    orgId: org.id,
    actorId: userId,
    action: 'organization.created',
    targetType: 'organization',
    targetId: org.id,
    after: { kind: 'creator', slug },
  });
  return slug;
}
