import { audit } from '../audit/write-audit';
import { requireActor } from '../authz/guards';
import { revokeAllSessions } from '../auth/sessions';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';

/**
 * Ends every session of the signed-in user, on every device, this one included: each session
 * cookie, and any copy of it, stops working at once. Audited.
 * @throws UnauthorizedError when nobody is signed in.
 * @returns how many sessions were open.
 */
export async function signOutEverywhere({ ctx }: VerbArgs<void>): Promise<number> {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const ended = await revokeAllSessions(tx, actor.userId);
    await audit(tx, ctx, {
      action: 'user.signed_out_everywhere',
      targetType: 'user',
      targetId: actor.userId,
      after: { ended },
    });
    return ended;
  });
}
