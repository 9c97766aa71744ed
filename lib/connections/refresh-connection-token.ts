import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { platformConnections, users, type PlatformConnection } from '@/db/schema';
import { requireSystem } from '../authz/guards';
import type { VerbArgs } from '../context';
import { openSecret } from '../crypto/secret-box';
import { email, queueEmails, type QueuedEmail } from '../email/queue-email';
import { getEnv } from '../env';
import { describeFailure, NotFoundError } from '../errors';
import { PLATFORM_NAMES } from '../platforms';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';
import { withTimeout } from '../with-timeout';
import { sealToken } from './internal';
import { ConnectionRefusedError, connectionProviderFor } from './providers';

/** An access token is renewed when it has less than this left. */
const RENEW_BEFORE_MS = 10 * 60_000;
/** A connection whose token cannot be renewed is `expiring` this long before it ends. */
const EXPIRING_WITHIN_MS = 7 * 86_400_000;
/** The longest the platform's token endpoint is waited for, holding the connection's row lock. */
const PLATFORM_TIMEOUT_MS = 20_000;

const schema = z.object({
  connectionId: z.guid('is not a connection id'),
  force: z.boolean().optional(),
  /** Renew when less than this is left (default 10; the hourly schedule asks 70, past its next run). */
  withinMinutes: z.number().int().min(1).max(10_080).optional(),
});

export type TokenRefresh = { status: PlatformConnection['status']; refreshed: boolean; error?: string };

/**
 * Keeps a connection's access token usable: renews it with the refresh token when it has less than
 * `withinMinutes` (default 10) left, or when `force`d. Single-flight: the connection's row is locked (lock wait at most
 * 10 s), and the expiry is read again under the lock, so concurrent callers renew once. A rotated
 * refresh token is stored at once; an empty one never replaces the stored one. When the platform
 * refuses the refresh (revoked, password changed) the connection becomes `reauth_required` and the
 * creator gets one email per loss; a token that cannot be renewed becomes `expiring` 7 days before
 * its end (the creator gets one email then too). Other failures (platform down, timeout after 20 s) are recorded and leave the status.
 * Background jobs only.
 * @throws NotFoundError (no such connection); ForbiddenError (not a system caller).
 */
export async function refreshConnectionToken({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>): Promise<TokenRefresh> {
  requireSystem(ctx);
  const data = parseInput(schema, input);
  const mail: QueuedEmail[] = [];
  const result = await withTransaction(ctx, async (tx): Promise<TokenRefresh> => {
    await tx.execute(sql`set local lock_timeout = 10000`);
    const [c] = await tx.select().from(platformConnections).where(eq(platformConnections.id, data.connectionId)).for('update');
    if (!c) throw new NotFoundError('Connection');
    if (c.status === 'revoked' || c.status === 'reauth_required' || !c.accessToken) return { status: c.status, refreshed: false };
    const now = Date.now();
    const left = c.accessExpiresAt ? c.accessExpiresAt.getTime() - now : Infinity;
    const provider = connectionProviderFor(c.platform);
    const tell = async (template: 'connection_lost' | 'connection_expiring', headline: string, details: string) => {
      const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, c.userId));
      if (user)
        mail.push(
          email(user.email, template, {
            name: user.name,
            headline,
            details,
            url: `${getEnv().appUrl}/creator/profile#connections`,
          }),
        );
    };
    const lost = async (reason: string): Promise<TokenRefresh> => {
      await tx
        .update(platformConnections)
        .set({ status: 'reauth_required', statusSince: new Date(), lastError: reason, lossNotifiedAt: c.lossNotifiedAt ?? new Date() })
        .where(eq(platformConnections.id, c.id));
      if (!c.lossNotifiedAt) {
        const name = PLATFORM_NAMES[c.platform];
        await tell(
          'connection_lost',
          `Your ${name} connection stopped working`,
          `${name} refused Reachboard’s access to @${c.handle} (${reason}). Reconnect to keep brands seeing your first-party numbers.`,
        );
      }
      return { status: 'reauth_required', refreshed: false, error: reason };
    };
    if (!c.refreshToken || !provider) {
      if (left <= 0) return lost('the access token expired and cannot be renewed');
      if (left <= EXPIRING_WITHIN_MS && c.status !== 'expiring') {
        await tx
          .update(platformConnections)
          .set({ status: 'expiring', statusSince: new Date(), expiryNotifiedAt: c.expiryNotifiedAt ?? new Date() })
          .where(eq(platformConnections.id, c.id));
        if (!c.expiryNotifiedAt) {
          const name = PLATFORM_NAMES[c.platform];
          await tell(
            'connection_expiring',
            `Your ${name} connection ends on ${c.accessExpiresAt!.toISOString().slice(0, 10)}`,
            `${name} lets Reachboard read @${c.handle} until then and it cannot be renewed without you. Reconnect before it ends to keep brands seeing your first-party numbers.`,
          );
        }
        return { status: 'expiring', refreshed: false };
      }
      return { status: c.status, refreshed: false };
    }
    const renewBefore = Math.max(data.withinMinutes ? data.withinMinutes * 60_000 : RENEW_BEFORE_MS, provider.renewAheadMs ?? 0);
    if (!data.force && left > renewBefore) return { status: c.status, refreshed: false };
    const refreshToken = openSecret(c.refreshToken, { table: 'platform_connections', column: 'refresh_token', rowId: c.id });
    try {
      const tokens = await withTimeout(
        provider.refresh(refreshToken),
        PLATFORM_TIMEOUT_MS,
        `${PLATFORM_NAMES[c.platform]}’s token endpoint`,
      );
      await tx
        .update(platformConnections)
        .set({
          accessToken: sealToken(tokens.accessToken, c.id, 'access_token'),
          ...(tokens.refreshToken ? { refreshToken: sealToken(tokens.refreshToken, c.id, 'refresh_token') } : {}),
          accessExpiresAt: tokens.expiresAt,
          scopes: tokens.scopes.length ? tokens.scopes : c.scopes,
          status: 'connected',
          ...(c.status !== 'connected' ? { statusSince: new Date() } : {}),
          lastRefreshedAt: new Date(),
          lastError: null,
        })
        .where(eq(platformConnections.id, c.id));
      return { status: 'connected', refreshed: true };
    } catch (error) {
      if (error instanceof ConnectionRefusedError) return lost(error.message);
      const reason = describeFailure(error);
      await tx.update(platformConnections).set({ lastError: reason }).where(eq(platformConnections.id, c.id));
      return { status: c.status, refreshed: false, error: reason };
    }
  });
  await queueEmails(mail);
  return result;
}
