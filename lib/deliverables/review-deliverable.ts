import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { campaignPosts, deliverables } from '@/db/schema';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { ConflictError } from '../errors';
import { ensureConversation, postMessage } from '../inbox/post-message';
import { deliverNoticeEmails, queueNotices } from '../notifications/notify';
import { withTransaction } from '../transaction';
import { parseInput } from '../validation';
import { deliverableFor } from './deliverable-access';

const reviewSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), comment: z.string().trim().max(1_000, 'At most 1,000 characters').optional() }),
  z.object({
    decision: z.literal('request_changes'),
    comment: z.string().trim().min(5, 'Say what should change').max(1_000, 'At most 1,000 characters'),
  }),
]);

/**
 * A brand manager reviews a submitted deliverable: approve (its post is linked to the campaign,
 * source `deliverable`, so its metrics count in the campaign report) or request changes with a
 * comment (the influencer can submit again). The influencer is notified.
 * @throws NotFoundError (another brand); ForbiddenError (viewer); ConflictError (not submitted);
 *         ValidationError (changes without a comment).
 */
export async function reviewDeliverable({
  ctx,
  input,
}: VerbArgs<{ deliverableId: string; decision: string; comment?: string }>): Promise<void> {
  const stored = await withTransaction(ctx, async (tx) => {
    const party = await deliverableFor(tx, ctx, input.deliverableId, 'brand');
    const d = party.deliverable;
    const review = parseInput(reviewSchema, { decision: input.decision, comment: input.comment ?? '' });
    if (d.status !== 'submitted')
      throw new ConflictError(d.status === 'approved' ? 'Already approved' : 'Nothing to review: the influencer has not submitted it yet');
    const now = new Date();
    const status = review.decision === 'approve' ? 'approved' : 'changes_requested';
    await tx
      .update(deliverables)
      .set({ status, reviewedAt: now, reviewedBy: party.actor.userId, reviewComment: review.comment || null })
      .where(eq(deliverables.id, d.id));
    if (status === 'approved' && d.postId)
      await tx
        .insert(campaignPosts)
        .values({
          campaignId: party.campaign.id,
          postId: d.postId,
          source: 'deliverable',
          status: 'confirmed',
          linkedBy: party.actor.userId,
        })
        .onConflictDoUpdate({
          target: [campaignPosts.campaignId, campaignPosts.postId],
          set: { source: 'deliverable', status: 'confirmed', linkedBy: party.actor.userId, linkedAt: sql`now()` },
        });
    const conversationId = await ensureConversation(tx, party.org.id, party.influencer.id);
    await postMessage(tx, {
      conversationId,
      senderId: party.actor.userId,
      senderSide: 'brand',
      body:
        status === 'approved'
          ? `Approved “${d.title}”.${review.comment ? ` ${review.comment}` : ''}`
          : `Asked for changes to “${d.title}”: ${review.comment}`,
      campaignId: party.campaign.id,
    });
    await audit(tx, ctx, {
      orgId: party.org.id,
      action: `deliverable.${status}`,
      targetType: 'deliverable',
      targetId: d.id,
      before: { status: d.status },
      after: { status, comment: review.comment ?? null, linkedPostId: status === 'approved' ? d.postId : null },
    });
    return party.influencer.userId
      ? queueNotices(tx, [
          {
            userId: party.influencer.userId,
            kind: 'deliverable_reviewed',
            title:
              status === 'approved' ? `${party.org.name} approved “${d.title}”` : `${party.org.name} asked for changes to “${d.title}”`,
            body: review.comment || undefined,
            url: '/creator/collaborations',
          },
        ])
      : [];
  });
  await deliverNoticeEmails(stored);
}
