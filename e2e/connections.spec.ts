import { expect, test } from './streaming';
import { finishSignUp, unique } from './helpers';

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
