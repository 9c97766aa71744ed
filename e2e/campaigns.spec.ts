import { expect, test } from './streaming';
import { signUp, unique } from './helpers';

const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test('a brand creates, edits, activates and duplicates a campaign; bad input is named', async ({ page }) => {
  await signUp(page, 'brand', {
    'Your name': 'Cam Paign',
    'Brand or company': 'Trailhead Goods',
    Email: unique('cam'),
    Password: 'trailhead passphrase',
  });
  await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
  await page.getByTestId('new-campaign').click();
  await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();
  const form = page.getByTestId('campaign-form');
  await form.getByLabel('Name').fill('Autumn Trail Series');
  await form.getByLabel('Budget').fill('25,000');
  await form.getByLabel('Starts on').fill('2026-10-01');
  await form.getByLabel('Ends on').fill('2026-09-01');
  await form.getByLabel('Views').fill('1,500,000');
  await form.getByLabel('Tracking keywords').fill('#AutumnTrail, autumn trail');
  await page.screenshot(shot('campaign-new'));
  await form.getByRole('button', { name: 'Create draft' }).click();
  // The error is shown next to the field it concerns; nothing was created.
  await expect(form.getByText('Ends before it starts')).toBeVisible();
  await form.getByLabel('Ends on').fill('2026-11-30');
  await form.getByRole('button', { name: 'Create draft' }).click();

  await expect(page.getByRole('heading', { name: 'Autumn Trail Series' })).toBeVisible();
  await expect(page.getByText('Budget $25,000')).toBeVisible();
  await expect(page.getByText('Tracks #autumntrail, autumn trail')).toBeVisible();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: 'Edit Autumn Trail Series' })).toBeVisible();
  await expect(page.getByLabel('Budget')).toHaveValue('25000');
  await page.getByLabel('Budget').fill('27500');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Budget $27,500')).toBeVisible();

  await page.getByTestId('campaign-active').getByRole('button').click();
  await expect(page.getByTestId('campaign-manage')).toContainText('Mark completed');
  await expect(page.getByText('Active', { exact: true }).first()).toBeVisible();
  await page.screenshot(shot('campaign-managed'));

  await page.getByTestId('campaign-duplicate').getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Edit Copy of Autumn Trail Series' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
  await expect(page.getByTestId('campaigns-table')).toContainText('Copy of Autumn Trail Series');
  await expect(page.getByTestId('campaigns-table').getByRole('row')).toHaveCount(3);
});
