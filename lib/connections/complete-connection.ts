import { randomUUID } from 'node:crypto';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { influencers, oauthStates, platform as platformEnum, platformConnections, socialAccounts } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import { completeClaim } from '../claims/internal';
import { openClaim } from '../claims/request-claim';
import type { VerbArgs } from '../context';
import { ConflictError, ValidationError } from '../errors';
import { PLATFORM_NAMES } from '../platforms';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { withTimeout } from '../with-timeout';
import { creatorProfileOf, redirectUriOf, sealToken } from './internal';
import { ConnectionRefusedError, connectionProviderFor } from './providers';

/** The longest a platform's token endpoint or identity call is waited for while the creator waits. */
const PLATFORM_TIMEOUT_MS = 20_000;

const schema = z.object({
  platform: z.enum(platformEnum.enumValues, 'is not a platform'),
  state: z.string().min(1, 'is missing').max(200),
  code: z.string().max(2_000).optional(),
  /** The platform's `error` / `error_description` when the creator declined. */
  error: z.string().max(200).optional(),
  errorDescription: z.string().max(500).optional(),
});

/**
 * Finishes a connection when the platform sends the creator back: takes the one-time `state` (it
 * must be this creator's, for this platform, unexpired; it is used up either way), exchanges the
 * code for tokens (with the PKCE verifier where the platform takes one), asks the platform whose
 * token it is, and then — the token being proof of control — verifies the account on the
 * creator's profile (merging a tracked profile that held it, as a proven claim does) and stores the
 * tokens sealed. Reconnecting updates the same connection; a refresh token the platform did not
 * send again is kept. Creators only.
 * @returns the connected account.
 * @throws ValidationError (unknown, used or expired state; the creator declined; the platform refused
 *   the code); ConflictError (the account is verified by, or connected to, another creator);
 *   ForbiddenError (not a creator).
 */
export async function completeConnection({
  ctx,
  input,
}: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<{ platform: string; handle: string; socialAccountId: string }> {
  const actor = requireUserRole(ctx, 'influencer');
  const data = parseInput(schema, input);
  const name = PLATFORM_NAMES[data.platform];
  const [request] = await withTransaction(ctx, (tx) =>
    tx
      .delete(oauthStates)
      .where(and(eq(oauthStates.state, data.state), eq(oauthStates.userId, actor.userId), eq(oauthStates.platform, data.platform)))
      .returning(),
  );
  if (!request || request.expiresAt.getTime() < Date.now())
    throw new ValidationError(`This ${name} connection request is unknown, already used or expired: start again from your profile`);
  if (data.error) throw new ValidationError(`${name} did not connect your account: ${data.errorDescription ?? data.error}`);
  if (!data.code) throw new ValidationError(`${name} sent you back without an authorization code: start again from your profile`);
  const provider = connectionProviderFor(data.platform);
  if (!provider) throw new ValidationError(`Reachboard cannot connect ${name} accounts yet`);
  let tokens;
  let identity;
  try {
    tokens = await withTimeout(
      provider.exchangeCode({ code: data.code, redirectUri: redirectUriOf(data.platform), codeVerifier: request.codeVerifier }),
      PLATFORM_TIMEOUT_MS,
      `${name}’s token endpoint`,
    );
    const accessToken = tokens.accessToken;
    identity = await withTimeout(provider.identify(accessToken), PLATFORM_TIMEOUT_MS, name);
  } catch (error) {
    if (error instanceof ConnectionRefusedError) throw new ValidationError(`${name} did not connect your account: ${error.message}`);
    throw error;
  }
  return withTransaction(ctx, async (tx) => {
    const profile = await creatorProfileOf(tx, actor.userId);
    const [existing] = await tx
      .select()
      .from(platformConnections)
      .where(and(eq(platformConnections.platform, data.platform), eq(platformConnections.platformUserId, identity.platformUserId)))
      .for('update');
    if (existing && existing.userId !== actor.userId)
      throw new ConflictError(`@${identity.handle} on ${name} is connected by another Reachboard creator. Contact support if it is yours.`);
    // The account on the creator's profile already, or proven theirs now (the token is the proof).
    const [own] = await tx
      .select({ id: socialAccounts.id })
      .from(socialAccounts)
      .where(
        and(
          eq(socialAccounts.influencerId, profile.id),
          eq(socialAccounts.platform, data.platform),
          or(eq(socialAccounts.platformAccountId, identity.platformUserId), eq(socialAccounts.handle, identity.handle)),
        ),
      );
    let socialAccountId: string;
    if (own) {
      socialAccountId = own.id;
      await tx
        .update(socialAccounts)
        .set({ platformAccountId: identity.platformUserId, handle: identity.handle, url: identity.url })
        .where(eq(socialAccounts.id, own.id));
      await tx
        .update(influencers)
        .set({ verifiedAt: sql`coalesce(${influencers.verifiedAt}, now())`, updatedAt: new Date() })
        .where(and(eq(influencers.id, profile.id), isNull(influencers.verifiedAt)));
    } else {
      const claim = await openClaim(tx, ctx, actor.userId, profile.id, { platform: data.platform, handle: identity.handle });
      socialAccountId = await completeClaim(tx, ctx, claim, {
        method: 'connection',
        profile: { platformAccountId: identity.platformUserId, displayName: identity.displayName, url: identity.url },
      });
    }
    const id = existing?.id ?? randomUUID();
    const now = new Date();
    const row = {
      influencerId: profile.id,
      userId: actor.userId,
      socialAccountId,
      handle: identity.handle,
      scopes: tokens.scopes,
      accessToken: sealToken(tokens.accessToken, id, 'access_token'),
      // Never replace a stored refresh token with none.
      refreshToken: tokens.refreshToken ? sealToken(tokens.refreshToken, id, 'refresh_token') : (existing?.refreshToken ?? null),
      accessExpiresAt: tokens.expiresAt,
      status: 'connected' as const,
      statusSince: now,
      lossNotifiedAt: null,
      expiryNotifiedAt: null,
      lastRefreshedAt: now,
      lastError: null,
    };
    if (existing) await tx.update(platformConnections).set(row).where(eq(platformConnections.id, id));
    else await tx.insert(platformConnections).values({ id, platform: data.platform, platformUserId: identity.platformUserId, ...row });
    await audit(tx, ctx, {
      action: 'connection.connected',
      targetType: 'social_account',
      targetId: socialAccountId,
      after: { platform: data.platform, handle: identity.handle, scopes: tokens.scopes },
    });
    return { platform: data.platform, handle: identity.handle, socialAccountId };
  });
}
