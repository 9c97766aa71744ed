import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { expect, test } from './streaming';
import { firstItemOf, MAIN_PAGES, NORTHWIND, stateOf, type DemoRole } from './helpers';

// Every main page of every role, in the light and the dark colour scheme, checked with axe (WCAG
// 2.1 A and AA rules, colour contrast included): no serious or critical violation.

async function violations(page: Page, path: string) {
  await page.goto(path);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${path}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

const SCHEMES = ['light', 'dark'] as const;

for (const colorScheme of SCHEMES)
  for (const [role, paths] of Object.entries(MAIN_PAGES) as [DemoRole, string[]][]) {
    test(`no serious accessibility violation on the ${role}'s pages (${colorScheme})`, async ({ browser }) => {
      // One test walks every page of the role (the manager's: ~20 pages, 47–51 s on a two-core CI
      // host): the default 60 s left no margin when the host is busy.
      test.setTimeout(180_000);
      const context = await browser.newContext({ storageState: stateOf(role), colorScheme });
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of paths) found.push(...(await violations(page, path)));
      // The widest reports too: the first campaign's and the first influencer's page.
      if (role === 'manager')
        for (const list of [`${NORTHWIND}/campaigns`, `${NORTHWIND}/influencers`]) {
          const item = await firstItemOf(page, list);
          found.push(...(await violations(page, item)));
          // A campaign's tracking links and conversions.
          if (list.endsWith('/campaigns')) found.push(...(await violations(page, `${item}/links`)));
        }
      await context.close();
      expect(found).toEqual([]);
    });
  }

for (const colorScheme of SCHEMES)
  test(`no serious accessibility violation on the public pages (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of ['/', '/sign-in', '/sign-up', '/forgot-password']) found.push(...(await violations(page, path)));
    await context.close();
    expect(found).toEqual([]);
  });
