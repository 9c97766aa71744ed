import { and, eq } from 'drizzle-orm';
import { memberships, organizations, users } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireUserRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { NotFoundError } from '../errors';
import { withTransaction } from '../transaction';
import { isUuid } from '../validation';
import { emailAdminNotices, storeAdminNotices, type AdminNotice } from './admin-notice';

/**
 * An admin approves or rejects a brand organization. Approval makes its public campaigns visible
 * to influencers and lets it send offers. Audited; the owners are told by email and in-app.
 * @throws ForbiddenError (not an admin); NotFoundError (no such brand organization).
 */
export async function reviewBrand({ ctx, input }: VerbArgs<{ orgId: string; decision: 'approve' | 'reject' }>): Promise<void> {
  const admin = requireUserRole(ctx, 'admin');
  const notices = await withTransaction(ctx, async (tx) => {
    if (!isUuid(input.orgId)) throw new NotFoundError('Brand');
    const [org] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.id, input.orgId), eq(organizations.kind, 'brand')))
      .for('update');
    if (!org) throw new NotFoundError('Brand');
    const approved = input.decision === 'approve';
    const now = new Date();
    await tx
      .update(organizations)
      .set({
        approvalStatus: approved ? 'approved' : 'rejected',
        approvedAt: approved ? now : null,
        approvedBy: approved ? admin.userId : null,
      })
      .where(eq(organizations.id, org.id));
    await audit(tx, ctx, {
      orgId: org.id,
      action: approved ? 'admin.brand_approved' : 'admin.brand_rejected',
      targetType: 'organization',
      targetId: org.id,
      before: { approvalStatus: org.approvalStatus },
      after: { approvalStatus: approved ? 'approved' : 'rejected' },
    });
    const owners = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, org.id), eq(memberships.role, 'owner')));
    const list: AdminNotice[] = owners.map((o) => ({
      userId: o.id,
      email: o.email,
      name: o.name,
      title: approved ? `${org.name} is approved on Reachboard` : `${org.name} was not approved on Reachboard`,
      body: approved
        ? 'Your public campaigns are now visible to influencers, and you can send offers.'
        : 'A Reachboard admin reviewed your organization and did not approve it. Reply to this email if you think this is a mistake.',
      url: `/o/${org.slug}`,
    }));
    await storeAdminNotices(tx, list);
    return list;
  });
  await emailAdminNotices(notices);
}
