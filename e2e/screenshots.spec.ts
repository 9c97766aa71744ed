import { expect, test } from './streaming';
import { NORTHWIND, stateOf, type DemoRole } from './helpers';

// Full-page screenshots of what each kind of user sees first, kept in test-results/screenshots.
const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test('landing and sign-in pages', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Real metrics in. Defensible ROI out.' })).toBeVisible();
  await page.screenshot(shot('landing'));
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Reachboard' })).toBeVisible();
  await page.screenshot(shot('sign-in'));
});

const homes: [DemoRole, string, string][] = [
  ['owner', NORTHWIND, 'Northwind Outfitters'],
  ['influencer', '/creator', 'Hi, Maya Okafor'],
  ['fan', '/fan', 'Your creators'],
  ['admin', '/admin', 'Platform overview'],
];

for (const [role, path, heading] of homes) {
  test.describe(`${role} home`, () => {
    test.use({ storageState: stateOf(role) });
    test(`shows ${heading} with real data`, async ({ page }) => {
      await page.goto('/home');
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole('heading', { name: heading })).toBeVisible();
      await page.screenshot(shot(`home-${role}`));
    });
  });
}
