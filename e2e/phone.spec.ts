import { expect, test, type Page } from '@playwright/test';
import { NORTHWIND, stateOf, type DemoRole } from './helpers';

// A phone (390 × 844): the shell keeps "Sign out" on screen and no page scrolls sideways — wide
// tables scroll inside their own box, closed tooltips take no room.
test.use({ viewport: { width: 390, height: 844 } });

const PAGES: Record<DemoRole, string[]> = {
  manager: [
    NORTHWIND,
    `${NORTHWIND}/analytics`,
    `${NORTHWIND}/influencers`,
    `${NORTHWIND}/discover`,
    `${NORTHWIND}/campaigns`,
    `${NORTHWIND}/benchmarks`,
    `${NORTHWIND}/imports`,
    `${NORTHWIND}/tracking`,
    `${NORTHWIND}/settings`,
  ],
  influencer: ['/creator', '/campaigns', '/offers', '/creator/collaborations', '/creator/profile', '/inbox'],
  fan: ['/fan', '/creators'],
  admin: ['/admin', '/admin/users', '/admin/claims', '/admin/insights'],
  owner: [],
  viewer: [],
  rivalOwner: [],
  creator: [],
};

async function fitsTheScreen(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeInViewport();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
}

for (const [role, paths] of Object.entries(PAGES) as [DemoRole, string[]][]) {
  if (paths.length === 0) continue;
  test.describe(`at phone width, as the demo ${role}`, () => {
    test.use({ storageState: stateOf(role) });
    test('the shell and the main pages fit the screen', async ({ page }) => {
      for (const path of paths) await fitsTheScreen(page, path);
      // The first campaign's report and the first influencer's page, the widest pages.
      if (role === 'manager') {
        for (const list of [`${NORTHWIND}/campaigns`, `${NORTHWIND}/influencers`]) {
          await page.goto(list);
          const href = await page.locator(`main a[href^="${list}/"]`).first().getAttribute('href');
          await fitsTheScreen(page, href!);
        }
      }
    });
  });
}
