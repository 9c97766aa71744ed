import type { Tx } from '@/db/connect';
import { auditLog } from '@/db/schema';
import { actingUser, type Ctx } from '../context';
import type { AuditAction } from './actions';

/** One audit-log row; who acted comes from the context. */
export type AuditEntry = {
  orgId?: string | null;
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  /**
   * The user who acted, when it is not the context's signed-in user: the account a sign-up or an
   * invitation acceptance just created, a password reset's owner.
   */
  actorId?: string | null;
};

/**
 * Writes one audit-log row inside the mutation's own transaction `tx`. The actor is the context's
 * signed-in user (null for a system process or an API key) unless `entry.actorId` names one.
 */
export async function audit(tx: Tx, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: entry.orgId ?? null,
    actorId: entry.actorId !== undefined ? entry.actorId : (actingUser(ctx)?.userId ?? null),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
