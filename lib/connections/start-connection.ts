import { and, eq, lt } from 'drizzle-orm';
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import { z } from 'zod';
import { oauthStates, platform as platformEnum } from '@/db/schema';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { ValidationError } from '../errors';
import { PLATFORM_NAMES } from '../platforms';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { redirectUriOf } from './internal';
import { connectionProviderFor } from './providers';

/** How long a creator has to authorize on the platform before the request expires. */
const STATE_TTL_MS = 10 * 60_000;

const schema = z.object({ platform: z.enum(platformEnum.enumValues, 'is not a platform') });

/**
 * Starts connecting a platform account to the signed-in creator's profile: records a one-time
 * `state` (random, 10 minutes) and, where the platform takes PKCE, a code verifier; returns the
 * platform's authorization page to send the creator to. Creators only.
 * @returns `{ url }` of the authorization page.
 * @throws ForbiddenError (not a creator); ValidationError (a platform Reachboard cannot connect, or not configured on this server).
 */
export async function startConnection({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<{ url: string }> {
  const actor = requireUserRole(ctx, 'influencer');
  const { platform } = parseInput(schema, input);
  const provider = connectionProviderFor(platform);
  if (!provider) throw new ValidationError(`Reachboard cannot connect ${PLATFORM_NAMES[platform]} accounts yet`);
  const configured = provider.configuration();
  if (!configured.configured)
    throw new ValidationError(
      `${PLATFORM_NAMES[platform]} connections are not configured on this server (${configured.variables.join(', ')})`,
    );
  const state = generateRandomState();
  const codeVerifier = generateRandomCodeVerifier();
  const now = new Date();
  await withTransaction(ctx, async (tx) => {
    // A creator's abandoned requests go when they start a new one.
    await tx.delete(oauthStates).where(and(eq(oauthStates.userId, actor.userId), lt(oauthStates.expiresAt, now)));
    await tx
      .insert(oauthStates)
      .values({ state, userId: actor.userId, platform, codeVerifier, expiresAt: new Date(now.getTime() + STATE_TTL_MS) });
  });
  const codeChallenge = provider.pkce ? await calculatePKCECodeChallenge(codeVerifier) : '';
  return { url: provider.authorizationUrl({ state, codeChallenge, redirectUri: redirectUriOf(platform) }) };
}
