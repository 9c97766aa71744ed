import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { NORTHWIND, stateOf } from './helpers';

test.describe('importing a real export in the browser', () => {
  test.use({ storageState: stateOf('manager') });

  test('uploads the YouTube file, states the year, watches it finish and downloads the rejected rows', async ({ page }) => {
    await page.goto(`${NORTHWIND}/imports`);
    await page.getByLabel('CSV file').setInputFiles('db/seed/data/youtube-trending-us-2017-09.csv');
    await page.getByRole('button', { name: 'Upload and map columns' }).click();

    await expect(page.getByTestId('detected-layout')).toContainText('YouTube trending videos');
    await expect(page.getByTestId('mapping-problems')).toContainText('Year of dates without one is required');
    await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
    await page.getByLabel('Year of dates without one').fill('2017');
    await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
    await expect(page.getByTestId('preview')).toContainText('2017-09-13T00:00:00Z');
    await expect(page.getByTestId('preview')).toContainText('4,394,029');
    await page.getByRole('button', { name: 'Start import' }).click();

    await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
    await expect(page.getByTestId('import-status')).toHaveText('Completed', { timeout: 60_000 });
    await expect(page.getByTestId('stat-rows-read')).toHaveText('5,798');
    // The demo already imported this file: nothing is doubled.
    await expect(page.getByTestId('stat-imported')).toHaveText('0');
    await expect(page.getByTestId('stat-unchanged')).toHaveText('5,787');
    await expect(page.getByTestId('stat-duplicates')).toHaveText('5');
    await expect(page.getByTestId('stat-errors')).toHaveText('6');
    await expect(page.getByTestId('import-errors')).toContainText('wrong number of fields: expected 11, found 21');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-issues').click()]);
    expect(download.suggestedFilename()).toBe('youtube-trending-us-2017-09-issues.csv');
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('line,kind,column,reason');
    expect(csv).toHaveLength(1 + 6 + 5);
    expect(csv).toContain('2401,error,,"wrong number of fields: expected 11, found 21"');
    expect(csv.filter((l) => l.includes(',duplicate,'))).toHaveLength(5);

    await page.getByRole('link', { name: 'All imports' }).click();
    await expect(page.getByTestId('import-history')).toContainText('Marcus Webb');
  });
});

test.describe('viewers cannot import', () => {
  test.use({ storageState: stateOf('viewer') });

  test('the history is visible but there is no upload, and the upload endpoint refuses', async ({ page }) => {
    await page.goto(`${NORTHWIND}/imports`);
    await expect(page.getByTestId('import-history')).toContainText('youtube-trending-us-2017-09.csv');
    await expect(page.getByTestId('upload-form')).toHaveCount(0);
    const response = await page.request.post(`/api/orgs/northwind-outfitters/imports/uploads`, {
      headers: { 'X-File-Name': 'x.csv', 'Content-Type': 'text/csv' },
      data: 'a,b\n1,2\n',
    });
    expect(response.status()).toBe(403);
  });
});
