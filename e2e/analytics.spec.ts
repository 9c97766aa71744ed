import { readFileSync } from 'node:fs';
import { expect, test } from './streaming';
import { NORTHWIND, stateOf } from './helpers';

const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test.describe('analytics with the demo data', () => {
  test.use({ storageState: stateOf('viewer') });

  test('overview: the period is in the URL and the KPIs follow it', async ({ page }) => {
    await page.goto(`${NORTHWIND}/analytics`);
    // The demo's posts are the YouTube export of Sep 13 – Oct 11, 2017: the default period ends there.
    await expect(page.getByText('Sep 12, 2017 – Oct 11, 2017')).toBeVisible();
    await expect(page.getByTestId('kpi-views-value')).not.toHaveText('—');
    await expect(page.getByTestId('kpi-reach-value')).toHaveText('—');
    await expect(page.getByTestId('top-posts')).toContainText('youtube');
    await page.screenshot(shot('analytics-overview'));

    await page.getByRole('link', { name: '7 days' }).click();
    await expect(page).toHaveURL(/period=7d/);
    await expect(page.getByText('Oct 5, 2017 – Oct 11, 2017')).toBeVisible();
    const sevenDays = await page.getByTestId('kpi-posts-value').textContent();

    await page.getByLabel('From').fill('2017-09-13');
    await page.getByLabel('To').fill('2017-10-11');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/from=2017-09-13&to=2017-10-11/);
    // The form loads a new page (not through page.goto, so not settled): React's hidden copy of a
    // streamed segment may still sit at the end of <body> (see ./streaming). The user reads #main.
    await expect(page.locator('#main').getByText('Sep 13, 2017 – Oct 11, 2017')).toBeVisible();
    await expect(page.getByTestId('kpi-posts-value')).not.toHaveText(sevenDays!);
    // The hover explains the formula.
    await page.getByTestId('kpi-engagement-rate').getByText('Engagement rate', { exact: true }).first().hover();
    await expect(page.getByRole('tooltip').filter({ hasText: 'over posts where both are known' })).toBeVisible();
  });

  test('discovery: the sort the user picks is the one applied', async ({ page }) => {
    await page.goto(`${NORTHWIND}/discover`);
    await page.getByLabel('Sort by').selectOption('name');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
    expect(new URL(page.url()).searchParams.getAll('sort')).toEqual(['name']);
    const names = await page.getByTestId('discover-row').locator('td:first-child a').allTextContents();
    expect(names.length).toBeGreaterThan(3);
    // A to Z, as the server orders names (lower case, by code point).
    const lower = names.map((n) => n.toLowerCase());
    expect(lower).toEqual([...lower].sort());
  });

  test('roster: filters and sort live in the URL; compare two influencers', async ({ page }) => {
    await page.goto(`${NORTHWIND}/influencers`);
    await page.getByLabel('Platform').selectOption('instagram');
    await page.getByLabel(/^Country/).selectOption('Spain');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/platform=instagram/);
    await expect(page).toHaveURL(/country=Spain/);
    const rows = page.getByTestId('roster-table').locator('tbody tr');
    await expect(rows.first()).toContainText('cristiano');
    await expect(rows.first()).toContainText('475.8M');
    await expect(rows.first()).toContainText('1.39%');
    await page.screenshot(shot('analytics-roster'));

    await page.getByRole('link', { name: 'Sort by Eng. rate' }).click();
    await expect(page).toHaveURL(/sort=engagementRate/);
    await expect(page).toHaveURL(/country=Spain/);

    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    const names = [
      await rows.nth(0).locator('td').nth(1).locator('a').textContent(),
      await rows.nth(1).locator('td').nth(1).locator('a').textContent(),
    ];
    await page.getByTestId('compare-selected').click();
    await expect(page).toHaveURL(/\/influencers\/compare\?ids=/);
    const table = page.getByTestId('compare-table');
    for (const name of names) await expect(table.locator('thead')).toContainText(name!);
    await expect(table).toContainText('Followers');
    await page.screenshot(shot('analytics-compare'));

    await table.getByRole('link', { name: names[0]! }).click();
    await expect(page.getByRole('heading', { level: 1, name: names[0]! })).toBeVisible();
    await expect(page.getByTestId('accounts')).toContainText('ER reported');
  });

  test('influencer page and post drilldown of a YouTube channel', async ({ page }) => {
    await page.goto(`${NORTHWIND}/influencers?platform=youtube&sort=medianViews&dir=desc`);
    await page.getByTestId('roster-table').locator('tbody tr').first().locator('td').nth(1).locator('a').click();
    await expect(page.getByTestId('content-media')).toContainText('video');
    await expect(page.getByTestId('content-time-unknown')).toBeVisible();
    await page.screenshot(shot('analytics-influencer'));
    await page.getByTestId('posts-table').locator('tbody a').first().click();
    await expect(page.getByTestId('snapshot-table')).toContainText('youtube-trending-us-2017-09.csv');
    await expect(page.getByText('Publish time unknown')).toBeVisible();
    await page.screenshot(shot('analytics-post'));
  });

  test('benchmarks: rival accounts side by side over the period', async ({ page }) => {
    await page.goto(`${NORTHWIND}/benchmarks`);
    const table = page.getByTestId('benchmarks-table');
    await expect(table).toContainText('@nike');
    // A rival with videos in the default period: two GoPro videos (trending on seven days in all, one post each).
    const gopro = table.locator('tr', { hasText: 'GoPro' });
    await expect(gopro.locator('td').nth(3)).toHaveText('2');
    // The default period ends with the latest post (Oct 2017), before the Instagram capture (Jan 2022): unknown, not 0.
    await expect(table.locator('tr', { hasText: '@nike' }).locator('td').nth(1)).toHaveText('—');
    // No follower count in the period: the chart says why instead of drawing an empty frame.
    await expect(page.getByTestId('benchmarks-chart-empty')).toContainText(
      'None of these accounts has a follower count captured in this period.',
    );
    await page.goto(`${NORTHWIND}/benchmarks?period=30d&to=2022-01-01`);
    await expect(table.locator('tr', { hasText: '@nike' })).toContainText('234.1M');
    await expect(page.getByTestId('benchmarks-chart')).toBeVisible();
    await expect(page.getByTestId('add-benchmark')).toHaveCount(0);
    await page.screenshot(shot('analytics-benchmarks'));
  });

  test('campaign report and its CSV export', async ({ page }) => {
    await page.goto(`${NORTHWIND}/campaigns`);
    await page.getByRole('link', { name: 'Back to School Creator Pilot' }).click();
    await expect(page.getByTestId('kpi-spend-value')).toHaveText('$27,000');
    await expect(page.getByTestId('kpi-conversions-value')).toHaveText('535');
    await expect(page.getByTestId('kpi-cpm')).toContainText('impressions unknown');
    await expect(page.getByTestId('contribution-table').locator('tbody tr')).toHaveCount(3);
    // Viewers read; they do not change links.
    await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0);
    await page.screenshot(shot('analytics-campaign'));

    await page.getByTestId('export-campaign-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-campaign').click()]);
    expect(download.suggestedFilename()).toBe('northwind-outfitters-Back_to_School_Creator_Pilot.csv');
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
    // A byte-order mark first, so Excel reads the file as UTF-8.
    expect(lines.slice(0, 2)).toEqual(['\uFEFF# summary', 'metric,value,unit,formula']);
    expect(lines).toContain('spend,27000.00,USD,Σ agreed fees of collaborations on campaigns running in the period');
    expect(lines).toContain(
      'conversions,535,count,"attributed sales (tracking API, shop webhooks, entered or imported against the campaign) + conversions reported on posts; unqualified and unattributed conversions are not counted"',
    );
    expect(lines).toContain('attributed_sales,535,count,"sales credited to this campaign by click, code, import or entry"');
    expect(lines).toContain('# influencers');
    expect(lines).toContain('# posts');
    // The pilot's orders were entered by hand: 535 rows labelled manual and attributed.
    const conversions = lines.slice(lines.indexOf('# conversions') + 2).filter(Boolean);
    expect(conversions).toHaveLength(535);
    expect(conversions.every((l) => l.includes(',manual,attributed,'))).toBe(true);
  });
});

test.describe('a creator sees the same views of their own accounts', () => {
  test.use({ storageState: stateOf('creator') });

  test('from the creator home to their channel, a post and their overview; no brand figures', async ({ page }) => {
    await page.goto('/creator');
    await page.getByTestId('open-my-analytics').click();
    // The demo creator's workspace holds the YouTube export: their channel's 13 trending videos.
    await expect(page.getByRole('heading', { name: 'Refinery29', exact: true })).toBeVisible();
    await expect(page.getByText('13 posts, newest first')).toBeVisible();
    await expect(page.getByText('youtube · @refinery29', { exact: true })).toBeVisible();
    await page.screenshot(shot('creator-accounts'));
    await page.getByTestId('posts-table').getByRole('link').first().click();
    await expect(page.getByTestId('snapshot-table')).toBeVisible();
    await expect(page.getByText('Linked posts count in the campaign report')).toHaveCount(0);
    await page.screenshot(shot('creator-post'));
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    // Their own channel's 13 videos, not the 1,800 of every channel in the imported trending file
    // (the rivals they benchmark), and no ranking of other influencers.
    await expect(page.getByTestId('kpi-posts-value')).toHaveText('13');
    await expect(page.getByTestId('top-influencers')).toHaveCount(0);
    await expect(page.getByTestId('top-posts')).not.toContainText('@buzzfeedvideo');
    // Spend and ROI are a brand's: a creator workspace does not show them.
    await expect(page.getByTestId('kpi-spend')).toHaveCount(0);
    await expect(page.getByTestId('kpi-roi')).toHaveCount(0);
    await page.screenshot(shot('creator-overview'));
    // Northwind's analytics stay Northwind's.
    const response = await page.goto(`${NORTHWIND}/analytics`);
    expect(response?.status()).toBe(404);
  });
});

test.describe('a formula in an imported title', () => {
  test.use({ storageState: stateOf('manager') });

  test('is exported as text after the post joins a campaign by keyword', async ({ page }) => {
    await page.goto(`${NORTHWIND}/imports`);
    await page.getByLabel('CSV file').setInputFiles('e2e/fixtures/formula-title.csv');
    await page.getByRole('button', { name: 'Upload and map columns' }).click();
    await page.getByLabel('Year of dates without one').fill('2017');
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect(page.getByTestId('import-status')).toHaveText('Completed', { timeout: 60_000 });

    await page.goto(`${NORTHWIND}/campaigns`);
    await page.getByRole('link', { name: 'Back to School Creator Pilot' }).click();
    const proposed = page.getByTestId('proposed-posts').locator('tr', { hasText: '=HYPERLINK' });
    await expect(proposed).toHaveCount(1);
    await proposed.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByTestId('campaign-posts')).toContainText('=HYPERLINK("http://evil.example","win")');

    await page.getByTestId('export-campaign-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-campaign').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""win"")"`);
    expect(csv).not.toMatch(/,"?=HYPERLINK/);
  });
});
