import { InngestTestEngine } from '@inngest/test';
import { beforeAll, describe, expect, it } from 'vitest';
import { remindersDailyFunction } from '@/inngest/functions/reminders-daily';
import { listMyCollaborations } from '@/lib/collaborations/list-collaborations';
import { submitDeliverable } from '@/lib/deliverables/submit-deliverable';
import { applyToCampaign } from '@/lib/offers/apply-to-campaign';
import { respondToOffer } from '@/lib/offers/respond-to-offer';
import { sendOffer } from '@/lib/offers/send-offer';
import { updateEmailPreferences } from '@/lib/notifications/update-email-preferences';
import { NOTIFICATION_KINDS } from '@/lib/notifications/notify';
import { createCampaign, createInfluencerUser, createOrg, ctxOf, digestsTo, giveVerifiedAccount, uniq } from '../factories';

type Org = Awaited<ReturnType<typeof createOrg>>;
type Creator = Awaited<ReturnType<typeof createInfluencerUser>>;
let brand: Org;
let offered: Creator;
let applicant: Creator;
let working: Creator;
let later: Creator;
let quiet: Creator;

const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [brand, offered, applicant, working, later, quiet] = await Promise.all([
    createOrg({ approved: true }),
    createInfluencerUser(),
    createInfluencerUser(),
    createInfluencerUser(),
    createInfluencerUser(),
    createInfluencerUser(),
  ]);
  const c = await createCampaign({
    orgId: brand.org.id,
    name: `Reminders ${uniq()}`,
    currency: 'USD',
    status: 'active',
    visibility: 'public',
  });
  const terms = (dueOn: string) => ({ fee: '500', deliverables: [{ title: `Video due ${dueOn}`, platform: 'youtube', dueOn }] });
  const input = (influencerId: string, dueOn: string) => ({ orgSlug: brand.org.slug, campaignId: c.id, influencerId, terms: terms(dueOn) });
  await sendOffer({ ctx: ctxOf(brand.manager), input: input(offered.profile.id, inDays(10)) });
  await applyToCampaign({
    ctx: ctxOf(applicant.user),
    input: { campaignId: c.id, pitch: 'I make long-form outdoor videos every week.', fee: '700' },
  });
  for (const [creator, due] of [
    [working, inDays(1)],
    [later, inDays(5)],
  ] as const) {
    const { id } = await sendOffer({ ctx: ctxOf(brand.manager), input: input(creator.profile.id, due) });
    await respondToOffer({ ctx: ctxOf(creator.user), input: { offerId: id, roundNumber: 1, response: { action: 'accept' } } });
  }
  // `later` submits theirs: it waits for the brand's review.
  await giveVerifiedAccount(later.profile.id, 'youtube', `later${uniq()}`);
  const [collab] = await listMyCollaborations({ ctx: ctxOf(later.user), input: undefined });
  await submitDeliverable({
    ctx: ctxOf(later.user),
    input: { deliverableId: collab.deliverables[0].id, postUrl: `https://youtu.be/vid${uniq()}` },
  });
  // `quiet` has an offer waiting but switched daily reminders off.
  await sendOffer({ ctx: ctxOf(brand.manager), input: input(quiet.profile.id, inDays(10)) });
  await updateEmailPreferences({
    ctx: ctxOf(quiet.user),
    input: { enabled: Object.keys(NOTIFICATION_KINDS).filter((k) => k !== 'daily_reminder') },
  });
});

describe('reminders.daily', () => {
  it('sends one digest per person with what waits for them, and never a second one that day', async () => {
    const run = () => new InngestTestEngine({ function: remindersDailyFunction }).execute();
    const first = await run();
    expect(first.result).toMatchObject({ day: today });
    const offeredMail = await digestsTo(offered.user.email);
    expect(offeredMail).toHaveLength(1);
    expect(offeredMail[0].subject).toBe('Reachboard: 1 thing waiting for you');
    expect(offeredMail[0].text).toMatch(/\nOffers waiting for your answer\n+• /);
    const workingMail = await digestsTo(working.user.email);
    expect(workingMail[0].text).toMatch(new RegExp(`\\nDeliverables due within 48 hours\\n+• Video due ${inDays(1)} for`));
    // Due in 5 days and already submitted: nothing to remind `later` of.
    expect(await digestsTo(later.user.email)).toHaveLength(0);
    expect(await digestsTo(quiet.user.email)).toHaveLength(0);
    for (const member of [brand.manager, brand.owner]) {
      const [mail] = await digestsTo(member.email);
      expect(mail.subject).toBe('Reachboard: 2 things waiting for you');
      expect(mail.text).toMatch(new RegExp(`\\nApplications to review\\n+• ${applicant.profile.displayName} on`));
      expect(mail.text).toMatch(/\nDeliverables waiting for your review\n+• /);
    }
    expect(await digestsTo(brand.viewer.email)).toHaveLength(0);

    await run();
    for (const email of [offered.user.email, working.user.email, brand.manager.email, brand.owner.email])
      expect(await digestsTo(email)).toHaveLength(1);
  });
});
