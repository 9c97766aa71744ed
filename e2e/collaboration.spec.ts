import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './streaming';
import { signUp, stateOf, unique } from './helpers';

const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

/** A fresh signed-out context, or one signed in as a saved demo role. */
async function contextPage(browser: Browser, role?: 'admin'): Promise<Page> {
  const context = await browser.newContext({ storageState: role ? stateOf(role) : { cookies: [], origins: [] } });
  return context.newPage();
}

test('a whole collaboration across brand, admin, influencer and fan', async ({ browser }) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  const brandName = `Canyon Gear ${suffix}`;
  const campaignName = `Canyon Launch ${suffix}`;
  const [brand, admin, influencer, fan] = await Promise.all([
    contextPage(browser),
    contextPage(browser, 'admin'),
    contextPage(browser),
    contextPage(browser),
  ]);

  // Brand: signs up, imports the YouTube export (its own measurements), creates a public campaign.
  await signUp(brand, 'brand', {
    'Your name': 'Bea Brand',
    'Brand or company': brandName,
    Email: unique('bea'),
    Password: 'canyon gear passphrase',
  });
  await brand.waitForURL(/\/o\/[^/]+$/);
  const orgPath = new URL(brand.url()).pathname;
  await brand.goto(`${orgPath}/imports`);
  await brand.getByLabel('CSV file').setInputFiles('db/seed/data/youtube-trending-us-2017-09.csv');
  await brand.getByRole('button', { name: 'Upload and map columns' }).click();
  await brand.getByLabel('Year of dates without one').fill('2017');
  await brand.getByRole('button', { name: 'Start import' }).click();
  await expect(brand.getByTestId('import-status')).toHaveText('Completed', { timeout: 90_000 });
  await brand.goto(`${orgPath}/campaigns/new`);
  const form = brand.getByTestId('campaign-form');
  await form.getByLabel('Name').fill(campaignName);
  await form.getByLabel('Niche').fill('Outdoors');
  await form.getByLabel('Visibility').selectOption('public');
  await form.getByLabel('Budget').fill('20,000');
  await form.getByLabel('Starts on').fill('2026-11-01');
  await form.getByLabel('Ends on').fill('2026-12-31');
  await form.getByLabel('Maximum influencers').fill('2');
  // Views goal: twice the latest views of the video delivered below, so goal progress is 50 %.
  await form.getByLabel('Views').fill('4,519,876');
  await form.getByRole('button', { name: 'Create draft' }).click();
  await expect(brand.getByRole('heading', { name: campaignName })).toBeVisible();
  await brand.getByTestId('campaign-active').getByRole('button').click();
  await expect(brand.getByText('Active', { exact: true })).toBeVisible();
  const campaignUrl = brand.url();

  // Admin: approves the brand.
  await admin.goto('/admin');
  const queue = admin.getByTestId('pending-brands');
  await expect(queue).toContainText(brandName);
  await queue.locator('li', { hasText: brandName }).getByRole('button', { name: 'Approve' }).click();
  await expect(admin.getByTestId('pending-brands').or(admin.getByText('No brand is waiting'))).not.toContainText(brandName);

  // Influencer: signs up claiming a channel of the export, finds the campaign, applies.
  await signUp(influencer, 'influencer', {
    'Your name': 'Colin Furze',
    Niche: 'Outdoors',
    'Main platform': 'youtube',
    Handle: 'colinfurze',
    Email: unique('colin'),
    Password: 'colin furze passphrase',
  });
  // Typing the handle proves nothing: the channel waits for proof. Reachboard cannot read YouTube
  // here (no API key), so the creator asks for a review and an admin approves it.
  await influencer.goto('/creator/profile');
  const claim = influencer.getByTestId('account-claim').filter({ hasText: '@colinfurze' });
  await expect(claim.getByText('unverified')).toBeVisible();
  const code = (await claim.getByTestId('claim-code').textContent())!;
  expect(code).toMatch(/^RB-[A-Z2-9]{8}$/);
  await claim.getByLabel('Where can an admin see the code?').fill('https://www.youtube.com/@colinfurze (About: first line)');
  await claim.getByRole('button', { name: 'Ask for a review' }).click();
  await expect(claim.getByText('A Reachboard admin will look for the code and let you know.')).toBeVisible();
  await admin.goto('/admin/claims');
  const review = admin.getByTestId('claim-review').filter({ hasText: '@colinfurze' });
  await expect(review).toContainText(code);
  await expect(review.getByTestId('claim-evidence')).toHaveText('https://www.youtube.com/@colinfurze (About: first line)');
  await review.getByRole('button', { name: 'Approve: I saw the code' }).click();
  await admin.getByTestId('confirm-dialog').getByRole('button', { name: 'Approve: I saw the code' }).click();
  await expect(admin.getByTestId('claim-review').filter({ hasText: '@colinfurze' })).toHaveCount(0);
  await influencer.goto('/creator/profile');
  await expect(influencer.getByTestId('profile-accounts')).toContainText('@colinfurze');
  await expect(influencer.getByTestId('account-claim')).toHaveCount(0);

  await influencer.getByRole('link', { name: 'Campaigns', exact: true }).click();
  await influencer.getByRole('link', { name: campaignName }).click();
  const apply = influencer.getByTestId('apply-form');
  await apply.getByLabel('Pitch').fill('Too short');
  await apply.getByLabel(/Your fee/).fill('3,000');
  await apply.getByRole('button', { name: 'Send application' }).click();
  await expect(apply.getByText('Tell the brand in a few sentences why you fit')).toBeVisible();
  await apply.getByLabel('Pitch').fill('I build absurd machines outdoors; my viewers watch every minute and ask where my gear comes from.');
  await apply.getByRole('button', { name: 'Send application' }).click();
  await expect(influencer.getByRole('heading', { name: `Application: ${campaignName}` })).toBeVisible();
  await expect(influencer.getByTestId('round-1').getByTestId('round-fee')).toHaveText('$3,000');

  // Brand: counters with a lower fee and a deliverable.
  await brand.goto(campaignUrl);
  await brand
    .getByTestId('campaign-offers')
    .getByRole('link', { name: /Colin Furze/ })
    .click();
  await brand.getByText('Counter with new terms').click();
  const counter = brand.getByTestId('offer-counter');
  await counter.getByLabel(/^Fee/).fill('2,500');
  // The title box keeps a usable width in the side panel (it was about 25 px wide).
  const title = counter.getByLabel('Deliverable 1', { exact: true });
  expect((await title.boundingBox())?.width).toBeGreaterThanOrEqual(224);
  await title.fill('Build video featuring the Canyon pack');
  await counter.getByLabel('Platform of deliverable 1').selectOption('youtube');
  await counter.getByRole('button', { name: 'Send counter-offer' }).click();
  await expect(brand.getByTestId('round-2')).toContainText('$2,500');
  await expect(brand.getByTestId('offer-status').first()).toHaveText('Countered');

  // Influencer: the bell shows the counter; accepts the latest round.
  await influencer.goto('/offers');
  await expect(influencer.getByTestId('notifications-unread')).toBeVisible();
  await influencer
    .getByTestId('my-offers')
    .getByRole('link', { name: new RegExp(campaignName) })
    .click();
  await influencer.getByTestId('offer-accept').getByRole('button').click();
  await expect(influencer.getByRole('heading', { name: 'Collaboration set up' })).toBeVisible();
  await expect(influencer.getByTestId('offer-status').first()).toHaveText('Accepted');

  // Messages with seen receipts, arriving without a reload.
  await influencer.getByRole('link', { name: /^Message/ }).click();
  await influencer.getByLabel('Message', { exact: true }).fill('Thanks! Filming this weekend. <b>not bold</b>');
  await influencer.getByRole('button', { name: 'Send', exact: true }).click();
  const mine = influencer.getByTestId('message').filter({ hasText: 'Filming this weekend' });
  await expect(mine.getByTestId('message-body')).toHaveText('Thanks! Filming this weekend. <b>not bold</b>');
  await expect(mine.getByTestId('seen-receipt')).toContainText('Sent');
  await brand.goto('/inbox');
  await expect(brand.getByTestId('conversation-row').filter({ hasText: 'Filming this weekend' }).getByTestId('unread-dot')).toBeVisible();
  await brand.getByTestId('conversation-row').filter({ hasText: 'Filming this weekend' }).click();
  await expect(brand.getByTestId('thread')).toContainText('Filming this weekend');
  await brand.getByLabel('Message', { exact: true }).fill('Great, send the link when it is live.');
  await brand.getByRole('button', { name: 'Send', exact: true }).click();
  // No reload on the influencer's side: polling brings the reply and the seen receipt.
  await expect(influencer.getByTestId('thread')).toContainText('Great, send the link when it is live.', { timeout: 15_000 });
  await expect(mine.getByTestId('seen-receipt')).toContainText('Seen');

  // Influencer submits the deliverable with a video of the claimed channel.
  await influencer.goto('/creator/collaborations');
  const submit = influencer.getByTestId('submit-deliverable');
  // A link of another platform is refused next to the box, which keeps what was typed.
  const wrong = 'https://www.instagram.com/p/CrmYc9bJv2H/';
  await submit.getByRole('textbox').fill(wrong);
  await submit.getByRole('button', { name: 'Submit for review' }).click();
  await expect(submit.getByRole('textbox')).toHaveAccessibleDescription('Paste the link of a YouTube post');
  await expect(submit.getByRole('textbox')).toHaveValue(wrong);
  await expect(submit.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  await expect(submit.getByRole('textbox')).toBeFocused();
  await submit.getByRole('textbox').fill('https://www.youtube.com/watch?v=Koxzz7LDmEE');
  await submit.getByRole('button', { name: 'Submit for review' }).click();
  await expect(influencer.getByTestId('deliverable-status')).toHaveText('In review');

  // Brand approves: the campaign page shows the progress and the linked post's metrics.
  await brand.goto(campaignUrl);
  await brand.getByTestId('approve-deliverable').getByRole('button').click();
  await expect(brand.getByTestId('deliverable-status')).toHaveText('Approved');
  await expect(brand.getByTestId('progress-task')).toHaveText('1 / 1 approved');
  await expect(brand.getByTestId('progress-goal')).toHaveText('50%');
  await expect(brand.getByTestId('progress-overall')).toHaveText('75%');
  const linked = brand.getByTestId('campaign-posts');
  await expect(linked).toContainText('The Spa Car Drivable Hot Tub');
  await expect(linked).toContainText('2.3M');
  await expect(linked).toContainText('deliverable');
  await brand.screenshot(shot('collaboration-campaign'));
  // The linked posts are one form: a row's Remove button sends that row's post.
  await linked
    .getByRole('row', { name: /The Spa Car Drivable Hot Tub/ })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(brand.getByText('No posts linked yet')).toBeVisible();
  await expect(brand.getByTestId('campaign-posts')).toHaveCount(0);

  // Fan: finds the creator and follows them; the count shows on the profile.
  await signUp(fan, 'fan', { 'Your name': 'Fay Fan', Email: unique('fay'), Password: 'fay fan passphrase' });
  await fan.goto('/creators?q=colinfurze');
  await fan.getByTestId('creator-card').first().getByRole('link').first().click();
  await expect(fan.getByTestId('profile-fans-value')).toHaveText('0');
  await fan.getByTestId('follow').getByRole('button').click();
  await expect(fan.getByTestId('profile-fans-value')).toHaveText('1');
  await expect(fan.getByTestId('unfollow').getByRole('button')).toHaveText('Following ✓');

  // Admin flags the campaign: it leaves the public list.
  await admin.goto('/admin');
  const row = admin.getByTestId('admin-campaign').filter({ hasText: campaignName });
  await row.locator('summary', { hasText: 'Flag' }).click();
  await row.getByLabel('Reason (sent to them)').fill('Brief breaks the community rules');
  await row.getByTestId('campaign-flag').getByRole('button', { name: 'Flag' }).click();
  await expect(admin.getByTestId('admin-campaign').filter({ hasText: campaignName })).toContainText('Flagged');
  await influencer.goto('/campaigns');
  await expect(influencer.getByRole('heading', { name: 'Campaigns' })).toBeVisible();
  await expect(influencer.getByText(campaignName)).toHaveCount(0);
});
