import { readFileSync } from 'node:fs';
import { expect, test } from './streaming';
import iconv from 'iconv-lite';
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

const TITLE = 'Does Maggie Gyllenhaal Have Taylor Swift’s Scarf? | WWHL';

test.describe('real exports as users have them', () => {
  test.use({ storageState: stateOf('manager') });

  test('a YouTube Studio export: recognised, asks only for the channel and the date, skips its Total row', async ({ page }) => {
    await page.goto(`${NORTHWIND}/imports`);
    await page.getByLabel('CSV file').setInputFiles({
      name: 'Table data.csv',
      mimeType: 'text/csv',
      buffer: readFileSync('tests/fixtures/imports/youtube-studio-2025-likes-shares.csv'),
    });
    await page.getByRole('button', { name: 'Upload and map columns' }).click();

    await expect(page.getByTestId('detected-layout')).toContainText('YouTube Studio content export');
    await expect(page.getByText('UTF-8', { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
    await page.getByLabel('The channel of the export (its handle)').fill('@artbyalison');
    await page.getByLabel('The date the export was taken').fill('2025-08-01');
    await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
    // The Total row is shown as what it is, not as a video.
    await expect(page.getByTestId('preview')).toContainText('summary row skipped ("Total" with the file\'s totals)');
    await page.getByRole('button', { name: 'Start import' }).click();

    await expect(page.getByTestId('import-status')).toHaveText('Completed', { timeout: 60_000 });
    await expect(page.getByTestId('stat-rows-read')).toHaveText('72');
    await expect(page.getByTestId('stat-imported')).toHaveText('71');
    await expect(page.getByTestId('stat-summary-rows')).toHaveText('1');
    await expect(page.getByTestId('stat-errors')).toHaveText('0');
    await expect(page.getByTestId('import-summary-rows')).toHaveText("Not imported, as the file's own totals: line 2");
    await expect(page.getByTestId('import-encoding')).toHaveText('Read as UTF-8');
  });

  test('a Windows-1252 file: the encoding is detected and shown, and titles keep their characters', async ({ page }) => {
    // Rows of the real trending export with typographic quotes and accents, saved as Windows-1252.
    const lines = readFileSync('db/seed/data/youtube-trending-us-2017-09.csv', 'utf8').split('\n');
    const picked = lines.filter((l) => l.startsWith('zAtHxJvSczA') || l.startsWith('video_id'));
    await page.goto(`${NORTHWIND}/imports`);
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'legacy.csv', mimeType: 'text/csv', buffer: iconv.encode(picked.join('\n'), 'win1252') });
    await page.getByRole('button', { name: 'Upload and map columns' }).click();

    await expect(page.getByTestId('detected-layout')).toContainText('YouTube trending videos');
    await expect(page.getByLabel('Text encoding')).toHaveValue('windows-1252');
    await page.getByLabel('The year of the "DD.MM" dates').fill('2017');
    await expect(page.getByTestId('preview')).toContainText(TITLE);
    // Read as UTF-8 instead, the file is refused with the reason, never shown with replacement characters.
    await page.getByLabel('Text encoding').selectOption('utf-8');
    await expect(page.getByTestId('mapping-problems')).toContainText('The file is not valid UTF-8');
    await page.getByLabel('Text encoding').selectOption('windows-1252');
    await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect(page.getByTestId('import-status')).toHaveText('Completed', { timeout: 60_000 });
    await expect(page.getByTestId('import-encoding')).toHaveText('Read as Windows-1252 (Western European)');
  });
});
