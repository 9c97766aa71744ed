import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, organizations, users } from '@/db/schema';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../audit/actions';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { reader } from '../transaction';
import { parseInput } from '../validation';

export const AUDIT_PAGE_SIZE = 50;

const auditQuerySchema = z.object({
  /** An action code, or a prefix ending in "." ("admin.", "offer."); empty for all. */
  action: z
    .string()
    .trim()
    .max(60)
    .optional()
    .default('')
    .refine((a) => a === '' || a.endsWith('.') || Object.hasOwn(AUDIT_ACTION_LABELS, a), 'Not an action Reachboard records'),
  /** Entries older than this id (the next page). */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export type AuditEntryView = {
  id: number;
  action: string;
  /** The action in words ("withdrew an offer"). */
  label: string;
  actorName: string | null;
  actorEmail: string | null;
  orgName: string | null;
  targetType: string;
  targetId: string | null;
  createdAt: Date;
};

/**
 * The platform's audit log for admins, newest first, {@link AUDIT_PAGE_SIZE} per page (keyset on
 * the entry id: `nextBefore` is the id to ask for the next page, null on the last), optionally
 * for one action or a family of actions ("admin.").
 * @throws ForbiddenError (not an admin); ValidationError (an unknown action).
 */
export async function listAuditLog({
  ctx,
  input,
}: VerbArgs<AuditQuery>): Promise<{ entries: AuditEntryView[]; nextBefore: number | null; query: z.output<typeof auditQuerySchema> }> {
  requireUserRole(ctx, 'admin');
  const query = parseInput(auditQuerySchema, input);
  const db = await reader(ctx);
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorName: users.name,
      actorEmail: users.email,
      orgName: organizations.name,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(organizations, eq(organizations.id, auditLog.orgId))
    .where(
      and(
        query.before ? lt(auditLog.id, query.before) : undefined,
        query.action.endsWith('.')
          ? sql`starts_with(${auditLog.action}, ${query.action})`
          : query.action
            ? eq(auditLog.action, query.action)
            : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: page.map((r) => ({ ...r, label: auditActionLabel(r.action) })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id : null,
    query,
  };
}
