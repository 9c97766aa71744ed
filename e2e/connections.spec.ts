import { expect, test } from './streaming';
import { finishSignUp, NORTHWIND, stateOf, unique } from './helpers';

test('a creator connects Twitch through the browser: verified on the profile, then disconnects', async ({ page }) => {
  const email = unique('streamer');
  await page.goto('/sign-up?role=influencer');
  await page.getByLabel('Your name').fill('Trail Twitch');
  await page.getByLabel('Niche').fill('Outdoors');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('trail twitch passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await finishSignUp(page, { email, password: 'trail twitch passphrase', name: 'Trail Twitch' });

  await page.goto('/creator/profile');
  const panel = page.getByTestId('connection-twitch');
  await panel.getByRole('button', { name: 'Connect Twitch' }).click();
  // Twitch's authorization page (the fake approves) sends the browser back to Reachboard's callback.
  await expect(page).toHaveURL(/\/creator\/profile#connections$/);
  await expect(page.getByTestId('connections')).toContainText('Connected @trailtwitch on Twitch: it is verified on your profile.');
  await expect(panel).toContainText('@trailtwitch');
  await expect(panel.getByText('connected', { exact: true })).toBeVisible();
  await expect(page.getByTestId('profile-accounts')).toContainText('@trailtwitch');

  await panel.getByRole('button', { name: 'Disconnect' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('heading')).toHaveText('Disconnect @trailtwitch? Reachboard deletes its access.');
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(panel.getByText('disconnected', { exact: true })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Reconnect Twitch' })).toBeVisible();
});

test('a creator connects Instagram; a brand sees the audience and first-party reach, and finds the creator by audience country', async ({
  page,
  browser,
  request,
}) => {
  // The fake Instagram signs in an account named for this run (a retry must not meet the first try's connection).
  const username = `maya.${Date.now().toString(36)}`;
  const renamed = await request.put('http://127.0.0.1:3196/__fake/account', {
    data: { username, user_id: `178414${Date.now().toString().slice(-11)}` },
  });
  expect(renamed.status()).toBe(200);
  const email = unique('maya');
  const name = `Maya ${username.slice(5)}`;
  await page.goto('/sign-up?role=influencer');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Niche').fill('Outdoors');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('maya trails passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await finishSignUp(page, { email, password: 'maya trails passphrase', name });

  // Connect: Instagram's authorization window (the fake approves) returns the browser to Reachboard.
  await page.goto('/creator/profile');
  const panel = page.getByTestId('connection-instagram');
  await panel.getByRole('button', { name: 'Connect Instagram' }).click();
  await expect(page).toHaveURL(/\/creator\/profile#connections$/);
  await expect(page.getByTestId('connections')).toContainText(`Connected @${username} on Instagram: it is verified on your profile.`);
  await expect(panel.getByText('connected', { exact: true })).toBeVisible();
  await expect(page.getByTestId('profile-accounts')).toContainText(`@${username}`);

  // A brand tracks the account by its profile URL; the first read uses the creator's connection.
  const brand = await (await browser.newContext({ storageState: stateOf('manager') })).newPage();
  await brand.goto(`${NORTHWIND}/tracking`);
  const form = brand.getByTestId('track-account');
  await form.getByLabel('Platform').selectOption('instagram');
  await form.getByLabel(/handle/).fill(`https://www.instagram.com/${username}/`);
  await form.getByRole('button', { name: 'Track and refresh now' }).click();
  await expect(brand.getByTestId('track-account-message')).toHaveText('Tracking. Refreshed now: 3 recent posts read.');

  // Discovery by audience: 41.7 % of the followers are in the United States, 15.2 % in the United Kingdom.
  await brand.goto(`${NORTHWIND}/discover?audienceCountry=GB`);
  await expect(brand.getByRole('link', { name, exact: true })).toHaveCount(0);
  await brand.goto(`${NORTHWIND}/discover`);
  await brand.getByLabel('Audience country').fill('US');
  await brand.getByLabel('Connected accounts only').check();
  await brand.getByRole('button', { name: 'Apply filters' }).click();
  await expect(brand).toHaveURL(/audienceCountry=US/);
  await brand.getByRole('link', { name, exact: true }).click();

  // The influencer page: the audience as Instagram reported it, and the first-party reach.
  const country = brand.getByTestId('audience-country');
  await expect(country.getByRole('listitem').first()).toHaveText('United States41.7%');
  await expect(country).toContainText('Not disclosed27.9%');
  await expect(brand.getByTestId('audience-gender').getByRole('listitem').first()).toHaveText('Women59.3%');
  await expect(brand.getByTestId('first-party-median-reach')).toHaveText('11K');
  await expect(brand.getByTestId('period-reach')).toHaveText('84.2K');
  await expect(brand.getByTestId('first-party')).toContainText('Read with the creator’s own connection (Instagram insights)');
});
