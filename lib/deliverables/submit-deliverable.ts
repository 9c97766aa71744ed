import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { deliverables, orgPosts, posts, socialAccounts } from '@/db/schema';
import { audit } from '../audit/write-audit';
import type { VerbArgs } from '../context';
import { ConflictError, ValidationError } from '../errors';
import { ensureConversation, postMessage } from '../inbox/post-message';
import { deliverNoticeEmails, orgManagerIds, queueNotices } from '../notifications/notify';
import { withTransaction } from '../transaction';
import { PLATFORM_NAMES } from '../platforms';
import { parseInput } from '../validation';
import { deliverableFor } from './deliverable-access';
import { postIdFromUrl } from '../platform-ids';

const submissionSchema = z.object({
  postUrl: z.string().trim().min(1, 'Paste the link of the published post').max(500, 'At most 500 characters'),
});

/**
 * The influencer submits a deliverable with the URL of the published post. The URL must be a
 * post of the deliverable's platform, published by the influencer's verified account on it (a post
 * that a platform's API, or the brand's own data, attributes to another creator is refused; another
 * organization's import decides nothing). The brand's view of the post names that account unless its own data already
 * has the post, so its metrics join the campaign report once the brand approves. The brand's
 * managers are notified.
 * @throws NotFoundError (not this influencer's); ValidationError (not a post URL of that platform,
 *         no verified account on the platform); ConflictError (already submitted or approved, collaboration
 *         not active, a post of another creator).
 */
export async function submitDeliverable({ ctx, input }: VerbArgs<{ deliverableId: string; postUrl: string }>): Promise<void> {
  const stored = await withTransaction(ctx, async (tx) => {
    const party = await deliverableFor(tx, ctx, input.deliverableId, 'influencer');
    const d = party.deliverable;
    if (party.collaboration.status !== 'active') throw new ConflictError(`This collaboration is ${party.collaboration.status}`);
    if (d.status === 'submitted') throw new ConflictError('Already submitted: the brand is reviewing it');
    if (d.status === 'approved') throw new ConflictError('Already approved');
    const { postUrl } = parseInput(submissionSchema, { postUrl: input.postUrl });
    const name = PLATFORM_NAMES[d.platform];
    const platformPostId = postIdFromUrl(d.platform, postUrl);
    if (!platformPostId)
      throw new ValidationError(`postUrl: Paste the link of a ${name} post`, { postUrl: `Paste the link of a ${name} post` });
    // The post's publisher as a platform's API reported it (a verified source), when one read it.
    const [known] = await tx
      .select({ id: posts.id, influencerId: socialAccounts.influencerId })
      .from(posts)
      .leftJoin(socialAccounts, eq(socialAccounts.id, posts.socialAccountId))
      .where(and(eq(posts.platform, d.platform), eq(posts.platformPostId, platformPostId)));
    if (known?.influencerId && known.influencerId !== party.influencer.id)
      throw new ConflictError('That post belongs to another creator’s account');
    // So does the brand's own data, when it has the post: its view is what its report shows.
    if (known) {
      const [brandView] = await tx
        .select({ influencerId: socialAccounts.influencerId })
        .from(orgPosts)
        .innerJoin(socialAccounts, eq(socialAccounts.id, orgPosts.socialAccountId))
        .where(and(eq(orgPosts.orgId, party.org.id), eq(orgPosts.postId, known.id)));
      if (brandView && brandView.influencerId !== party.influencer.id)
        throw new ConflictError('That post belongs to another creator’s account');
    }
    const [account] = await tx
      .select({ id: socialAccounts.id })
      .from(socialAccounts)
      .where(and(eq(socialAccounts.influencerId, party.influencer.id), eq(socialAccounts.platform, d.platform)))
      .orderBy(asc(socialAccounts.handle))
      .limit(1);
    if (!account)
      throw new ValidationError(`postUrl: Verify your ${name} account on your profile first`, {
        postUrl: `Verify your ${name} account on your profile first, so the post is matched to it`,
      });
    let postId = known?.id;
    if (!postId) {
      await tx.insert(posts).values({ platform: d.platform, platformPostId }).onConflictDoNothing();
      [{ id: postId }] = await tx
        .select({ id: posts.id })
        .from(posts)
        .where(and(eq(posts.platform, d.platform), eq(posts.platformPostId, platformPostId)));
    }
    // The brand's view of the post, unless its own data already has one: the creator's account.
    await tx
      .insert(orgPosts)
      .values({ orgId: party.org.id, postId, socialAccountId: account.id, platform: d.platform, platformPostId, url: postUrl })
      .onConflictDoNothing();
    const post = { id: postId };
    await tx
      .update(deliverables)
      .set({ status: 'submitted', postUrl, postId: post.id, submittedAt: new Date() })
      .where(eq(deliverables.id, d.id));
    const conversationId = await ensureConversation(tx, party.org.id, party.influencer.id);
    await postMessage(tx, {
      conversationId,
      senderId: party.actor.userId,
      senderSide: 'influencer',
      body: `Submitted “${d.title}” for review: ${postUrl}`,
      campaignId: party.campaign.id,
    });
    await audit(tx, ctx, {
      orgId: party.org.id,
      action: 'deliverable.submitted',
      targetType: 'deliverable',
      targetId: d.id,
      before: { status: d.status, postUrl: d.postUrl },
      after: { status: 'submitted', postUrl, postId: post.id },
    });
    return queueNotices(
      tx,
      (await orgManagerIds(tx, party.org.id)).map((userId) => ({
        userId,
        kind: 'deliverable_submitted' as const,
        title: `${party.influencer.displayName} submitted “${d.title}” for ${party.campaign.name}`,
        body: postUrl,
        url: `/o/${party.org.slug}/campaigns/${party.campaign.id}#deliverables`,
      })),
    );
  });
  await deliverNoticeEmails(stored);
}
