import { type Page } from '@playwright/test';
import { expect, test } from './streaming';
import { firstItemOf, MAIN_PAGES, NORTHWIND, stateOf, type DemoRole } from './helpers';

// A phone (390 × 844): the shell keeps "Sign out" on screen and no page scrolls sideways — wide
// tables scroll inside their own box, closed tooltips take no room.
test.use({ viewport: { width: 390, height: 844 } });

async function fitsTheScreen(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeInViewport();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
}

for (const [role, paths] of Object.entries(MAIN_PAGES) as [DemoRole, string[]][]) {
  test.describe(`at phone width, as the demo ${role}`, () => {
    test.use({ storageState: stateOf(role) });
    test('the shell and the main pages fit the screen', async ({ page }) => {
      for (const path of paths) await fitsTheScreen(page, path);
      // The first campaign's report and the first influencer's page, the widest pages.
      if (role === 'manager') {
        for (const list of [`${NORTHWIND}/campaigns`, `${NORTHWIND}/influencers`]) {
          await fitsTheScreen(page, await firstItemOf(page, list));
        }
      }
    });
  });
}
