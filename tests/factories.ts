import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rowsOf } from '@/db/sql';
import { refreshInfluencerMetrics } from '@/lib/rollups/refresh-influencer-metrics';
import {
  campaigns,
  emailOutbox,
  influencers,
  memberships,
  organizations,
  socialAccounts,
  users,
  type Campaign,
  type SocialAccount,
  type User,
} from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import type { SignUpInput } from '@/lib/accounts/schemas';
import { type UserActor, type Ctx, userActor } from '@/lib/context';

/** The password every factory user has. */
export const PASSWORD = 'correct horse battery staple';
let hash: Promise<string> | undefined;

/** A short unique suffix, so test files sharing one Postgres database never collide. */
export function uniq(): string {
  return randomUUID().slice(0, 8);
}

function actorOf(user: Pick<User, 'id' | 'role' | 'email' | 'name'>): UserActor {
  return userActor(user);
}

export function ctxOf(user: Pick<User, 'id' | 'role' | 'email' | 'name'> | null, extra: Partial<Ctx> = {}): Ctx {
  return { actor: user ? actorOf(user) : null, ip: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, ...extra };
}

export async function createUser(role: User['role'], overrides: Partial<typeof users.$inferInsert> = {}): Promise<User> {
  hash ??= hashPassword(PASSWORD);
  const db = await getDb();
  const id = uniq();
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${id}@test.example`, name: `${role} ${id}`, passwordHash: await hash, role, ...overrides })
    .returning();
  return user;
}

/** An organization with an owner, a manager and a viewer. */
export async function createOrg(options: { approved?: boolean } = {}) {
  const db = await getDb();
  const id = uniq();
  const [org] = await db
    .insert(organizations)
    .values({ name: `Brand ${id}`, slug: `brand-${id}`, approvalStatus: options.approved ? 'approved' : 'pending' })
    .returning();
  const owner = await createUser('brand');
  const manager = await createUser('brand');
  const viewer = await createUser('brand');
  await db.insert(memberships).values([
    { orgId: org.id, userId: owner.id, role: 'owner' },
    { orgId: org.id, userId: manager.id, role: 'manager' },
    { orgId: org.id, userId: viewer.id, role: 'viewer' },
  ]);
  return { org, owner, manager, viewer };
}

export async function createInfluencerUser() {
  const user = await createUser('influencer');
  const db = await getDb();
  const [profile] = await db.insert(influencers).values({ userId: user.id, displayName: user.name }).returning();
  return { user, profile };
}

/** The newest captured email to `to`, or undefined. */
export async function lastEmailTo(to: string) {
  const db = await getDb();
  const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
}

/** Extracts the first link to `path` (e.g. "/reset-password") from an email's text. */
export function linkIn(text: string, path: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^\\s]*`));
  if (!match) throw new Error(`No ${path} link in: ${text}`);
  return match[0];
}

/**
 * Gives a creator's profile a social account they proved is theirs (the end state of a verified
 * claim, lib/claims), for tests about what verified creators do next.
 */
export async function giveVerifiedAccount(profileId: string, platform: SocialAccount['platform'], handle: string) {
  const db = await getDb();
  const [account] = await db.insert(socialAccounts).values({ influencerId: profileId, platform, handle }).returning();
  await db.update(influencers).set({ verifiedAt: new Date() }).where(eq(influencers.id, profileId));
  return account;
}

/** An admin approves every open claim of `creator` from the review queue, as lib/claims does for platforms without a connector. */
export async function approveClaims(creator: User) {
  const { listMyClaims } = await import('@/lib/claims/list-my-claims');
  const { requestClaimReview } = await import('@/lib/claims/request-claim-review');
  const { decideClaim } = await import('@/lib/claims/decide-claim');
  const admin = await createUser('admin');
  for (const claim of await listMyClaims({ ctx: ctxOf(creator), input: undefined })) {
    await requestClaimReview({
      ctx: ctxOf(creator),
      input: { claimId: claim.id, evidence: 'https://example.com/profile (code in the bio)' },
    });
    await decideClaim({ ctx: ctxOf(admin), input: { claimId: claim.id, decision: 'approve' } });
  }
}

/** Signs up and opens the emailed confirmation link (the account exists from then on). */
export async function signUpConfirmed(input: SignUpInput) {
  const { confirmedSignUp } = await import('@/db/seed/confirmed-sign-up');
  return confirmedSignUp(await getDb(), input);
}

/** The text of a streamed export (strings, or bytes that may split a character between chunks). */
export async function textOf(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let out = '';
  for await (const c of chunks) out += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  return out + decoder.decode();
}

/** The daily reminder digests queued for `email`. */
export async function digestsTo(email: string) {
  const db = await getDb();
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, email), eq(emailOutbox.kind, 'daily_reminder')));
}

/**
 * A campaign of `values.orgId`, inserted as given (a unique name unless one is given; every other
 * column takes the schema's default: a private draft).
 */
export async function createCampaign(values: Partial<typeof campaigns.$inferInsert> & { orgId: string }): Promise<Campaign> {
  const db = await getDb();
  const [campaign] = await db
    .insert(campaigns)
    .values({ name: `Campaign ${uniq()}`, ...values })
    .returning();
  return campaign;
}

/**
 * The roster rows (`influencer_metrics`) as stored, and as a recomputation from scratch gives them
 * (in a transaction rolled back): equal when every writer kept them current.
 */
export async function rosterRowsStoredAndRecomputed(): Promise<{ stored: unknown[]; recomputed: unknown[] }> {
  const db = await getDb();
  const read = async (q: Pick<typeof db, 'execute'>) =>
    rowsOf(await q.execute(sql`select * from influencer_metrics order by owner_org_id, influencer_id`));
  const stored = await read(db);
  let recomputed: unknown[] = [];
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`delete from influencer_metrics`);
      const owners = rowsOf<{ owner_org_id: string }>(
        await tx.execute(sql`select distinct owner_org_id from account_metrics where owner_org_id is not null`),
      );
      for (const { owner_org_id } of owners) await refreshInfluencerMetrics(tx, { ownerOrgId: owner_org_id, influencerIds: 'all' });
      recomputed = await read(tx);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return { stored, recomputed };
}
class RolledBack extends Error {}
