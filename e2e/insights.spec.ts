import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { engagementConcentrationSignal } from '../lib/metrics/credibility';
import { expect, test } from './streaming';
import { NORTHWIND, stateOf } from './helpers';

const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

/** Latest likes + comments of each video of `channel` in the demo's YouTube file (first row of a repeated video-day). */
function channelEngagements(channel: string): number[] {
  const lines = readFileSync('db/seed/data/youtube-trending-us-2017-09.csv', 'utf8').split('\n').slice(1);
  const latest = new Map<string, { day: string; engagements: number }>();
  const seen = new Set<string>();
  for (const line of lines) {
    if (!line) continue;
    const c = Papa.parse<string[]>(line, { delimiter: ',' }).data[0];
    if (c.length !== 11 || c[2].trim().toLowerCase() !== channel) continue;
    const [dd, mm] = c[10].split('.');
    const day = `2017-${mm}-${dd}`;
    if (seen.has(`${c[0]}|${day}`)) continue;
    seen.add(`${c[0]}|${day}`);
    const prev = latest.get(c[0]);
    if (!prev || day >= prev.day) latest.set(c[0], { day, engagements: Number(c[6]) + Number(c[8]) });
  }
  return [...latest.values()].map((v) => v.engagements);
}

test.describe('insights a brand can act on', () => {
  test.use({ storageState: stateOf('manager') });

  test('a credibility signal shows its evidence chart', async ({ page }) => {
    const channel = 'the tonight show starring jimmy fallon';
    const signal = engagementConcentrationSignal(channelEngagements(channel));
    if (signal.status !== 'ok') throw new Error('the file has enough videos of this channel');
    await page.goto(`${NORTHWIND}/influencers?q=${encodeURIComponent('jimmy fallon')}&platform=youtube`);
    await page.getByTestId('roster-table').getByRole('link', { name: 'The Tonight Show Starring Jimmy Fallon' }).first().click();
    const panel = page.getByTestId('credibility');
    const far = signal.outliers.length;
    await expect(panel.getByTestId('concentration')).toHaveText(
      `Over 17 posts: coefficient of variation ${signal.coefficientOfVariation.toFixed(2)}; the top 10 % of posts hold ${Math.round(
        signal.topShare * 100,
      )}% of the engagements${far ? `; ${far} post${far === 1 ? '' : 's'} far above the rest` : ''}.`,
    );
    // The evidence: one bar per post.
    const bars = panel.getByTestId('concentration-evidence').locator('.recharts-bar-rectangle rect');
    await expect.poll(() => bars.evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute('height')) > 0).length)).toBe(17);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot(shot('credibility-signals'));
  });

  test('an offer shows each deliverable’s forecast before it is sent, and the forecast is kept', async ({ page }) => {
    await page.goto(`${NORTHWIND}/influencers?q=caseyneistat&platform=youtube`);
    const casey = (await page.getByTestId('roster-table').getByRole('link', { name: 'CaseyNeistat' }).first().getAttribute('href'))!;
    const influencerId = casey.split('/').at(-1)!;
    await page.goto(`${NORTHWIND}/campaigns`);
    const holiday = (await page.getByRole('link', { name: 'Holiday Gift Guide 2026' }).first().getAttribute('href'))!;
    await page.goto(`${holiday}/offers/new?influencer=${influencerId}`);
    const forecast = page.getByTestId('offer-forecast-row');
    await expect(forecast).toHaveCount(1);
    // The first deliverable starts on the creator's platform; the costs wait for a fee.
    await expect(forecast).toContainText('Deliverable 1 · YouTube');
    await expect(forecast.getByTestId('offer-forecast-costs')).toHaveText('Type the fee to see the implied CPM and CPE.');
    const views = (await forecast.locator('p').nth(1).locator('span').first().textContent())!;
    await page.getByLabel('Fee (USD)').fill('4,500');
    await page.getByLabel('Deliverable 1', { exact: true }).fill('Holiday gift video');
    await expect(forecast).toContainText('Holiday gift video · YouTube');
    await expect(forecast.getByTestId('offer-forecast-costs')).toHaveText(/^At \$4,500: CPM \$[\d.,]+ · CPE \$[\d.,]+$/);
    await page.screenshot(shot('offer-forecast'));
    await page.getByRole('button', { name: 'Send offer' }).click();
    await expect(page).toHaveURL(/\/offers\/[0-9a-f-]{36}$/);

    // Kept: the accuracy page lists it with the same point forecast, waiting for its outcome.
    await page.goto(`${NORTHWIND}/forecasts`);
    const row = page.locator('tr').filter({ hasText: 'Holiday Gift Guide 2026' }).filter({ hasText: 'CaseyNeistat' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('$4,500');
    await expect(row.locator('td').nth(4)).toContainText(views);
    await expect(page.getByTestId('mdape-views-youtube-value')).toHaveText('—');
  });

  test('a manager edits the EMV values and the campaign report says it uses them', async ({ page }) => {
    await page.goto(`${NORTHWIND}/campaigns`);
    await page.getByRole('link', { name: 'Back to School Creator Pilot' }).first().click();
    const emv = page.getByTestId('kpi-emv');
    await expect(emv).toContainText('Default EMV values');
    const before = (await page.getByTestId('kpi-emv-value').textContent())!;

    await page.getByRole('link', { name: 'Metric settings' }).click();
    const form = page.getByTestId('metric-settings-form');
    await form.getByLabel('Like', { exact: true }).fill('-1');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect(form.getByText('Enter a value like 8 or 0.5 (minor units per action)')).toBeVisible();
    await form.getByLabel('Like', { exact: true }).fill('4');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect(form).toContainText('Metric settings saved. Pages use them from now on.');
    await page.screenshot(shot('metric-settings'));

    await page.goto(`${NORTHWIND}/campaigns`);
    await page.getByRole('link', { name: 'Back to School Creator Pilot' }).first().click();
    await expect(emv).toContainText('Your EMV values');
    await expect(page.getByTestId('kpi-emv-value')).not.toHaveText(before);

    // Back to the defaults: a blank field is the default.
    await page.goto(`${NORTHWIND}/settings/metrics`);
    await form.getByLabel('Like', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect(form).toContainText('Metric settings saved.');
    await page.goto(`${NORTHWIND}/campaigns`);
    await page.getByRole('link', { name: 'Back to School Creator Pilot' }).first().click();
    await expect(page.getByTestId('kpi-emv-value')).toHaveText(before);
  });

  test('the brand home recommends creators with their reasons', async ({ page }) => {
    await page.goto(NORTHWIND);
    const again = page.getByTestId('recommend-again').getByTestId('recommendation');
    await expect(again.first()).toContainText('ibighit');
    await expect(again.first()).toContainText('CPE $0.003 over 1 campaign ($12,000 for 3,964,735 engagements)');
    await expect(page.getByTestId('recommend-avoid')).toContainText('CaseyNeistat');
    await expect(page.getByTestId('recommend-again')).not.toContainText('CaseyNeistat');
    const tryFirst = page.getByTestId('recommend-try').getByTestId('recommendation').first();
    await expect(tryFirst).toContainText('Refinery29');
    await tryFirst.getByRole('button', { name: 'Shortlist' }).click();
    await expect(tryFirst.getByText('Shortlisted', { exact: true })).toBeVisible();
    await page.screenshot(shot('recommendations'));
  });
});

test.describe('a viewer reads the insights', () => {
  test.use({ storageState: stateOf('viewer') });

  test('metric settings read-only, recommendations without a shortlist button', async ({ page }) => {
    await page.goto(`${NORTHWIND}/settings/metrics`);
    await expect(page.getByText('You are a viewer: you can read the settings but not change them.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);
    await expect(page.getByLabel('Like', { exact: true })).toBeDisabled();
    await page.goto(NORTHWIND);
    await expect(page.getByTestId('recommend-try').getByTestId('recommendation').first()).toBeVisible();
    await expect(page.getByTestId('recommendations').getByRole('button', { name: 'Shortlist' })).toHaveCount(0);
  });
});
