import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './streaming';
import { NORTHWIND, stateOf } from './helpers';

/** A stand-in for the brand's shop: answers every page, so a visitor lands somewhere real. */
async function startShop(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Northwind shop</title><h1>Trail jacket</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The fake GA4 Data API the end-to-end run starts (playwright.config.ts). */
const GA4_URL = `http://127.0.0.1:${process.env.E2E_GA4_PORT ?? 3198}`;

/** The number in a KPI tile ("$3,146" → 3146, "241" → 241, "-21.4%" → -21.4). */
const numberIn = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));

test('links → click → sale through the API → the campaign report shows the click, the sale and the new ROI', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const shop = await startShop();
  const manager = await (await browser.newContext({ storageState: stateOf('manager') })).newPage();

  // The campaign report before.
  await manager.goto(`${NORTHWIND}/campaigns`);
  await manager.getByRole('link', { name: 'Autumn Trail Collection' }).first().click();
  await expect(manager.getByRole('heading', { name: 'Autumn Trail Collection' })).toBeVisible();
  const reportUrl = manager.url();
  const kpi = async (id: string) => (await manager.getByTestId(`${id}-value`).textContent()) ?? '';
  const before = {
    spend: numberIn(await kpi('kpi-spend')),
    clicks: numberIn(await kpi('kpi-link-clicks')),
    conversions: numberIn(await kpi('kpi-conversions')),
    revenue: numberIn(await kpi('kpi-revenue')),
  };

  // The manager creates a link to the shop for every collaboration.
  await manager.getByTestId('campaign-links').click();
  const form = manager.getByTestId('create-links');
  await form.getByLabel('Destination').fill(`${shop.origin}/trail-jacket?ref=e2e`);
  await form.getByRole('button', { name: 'Create links' }).click();
  await expect(manager.getByTestId('create-links-message')).toHaveText('1 link created.');
  const liveBefore = numberIn((await manager.getByTestId('live-clicks').textContent()) ?? '');

  // The creator copies theirs.
  const creatorContext = await browser.newContext({ storageState: stateOf('collaborator') });
  await creatorContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  const creator = await creatorContext.newPage();
  await creator.goto('/creator/collaborations');
  const mine = creator.getByTestId('my-link').filter({ hasText: '127.0.0.1' });
  await expect(mine).toHaveCount(1);
  const shown = (await mine.getByTestId('my-link-url').textContent())!;
  expect(shown).toMatch(/^http:\/\/localhost:\d+\/l\/[A-Za-z0-9]{8}$/);
  await mine.getByTestId('copy-my-link').click();
  await expect(mine.getByTestId('copy-my-link')).toHaveText('Copied');
  const copied = await creator.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);

  // A visitor follows it from Instagram's in-app browser and lands on the shop with the click id.
  const visitor = await (
    await browser.newContext({
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98',
    })
  ).newPage();
  await visitor.goto(copied);
  await expect(visitor.getByRole('heading', { name: 'Trail jacket' })).toBeVisible();
  const landed = new URL(visitor.url());
  expect(`${landed.origin}${landed.pathname}`).toBe(`${shop.origin}/trail-jacket`);
  expect(landed.searchParams.get('ref')).toBe('e2e');
  expect(landed.searchParams.get('utm_medium')).toBe('influencer');
  expect(landed.searchParams.get('utm_campaign')).toBe('autumn-trail-collection');
  const clickId = landed.searchParams.get('rb_click')!;
  expect(clickId).toMatch(/^[0-9a-f-]{36}$/);
  // The manager's open links page counts the click without a reload (written within ~1 s, polled every 2 s).
  await expect(manager.getByTestId('live-clicks')).toHaveText(new Intl.NumberFormat('en-US').format(liveBefore + 1), { timeout: 5_000 });

  // The owner creates an API key; the shop's server posts the sale with the click id.
  const owner = await (await browser.newContext({ storageState: stateOf('owner') })).newPage();
  await owner.goto(`${NORTHWIND}/settings`);
  await owner.getByLabel('New key’s name').fill('E2E shop');
  await owner.getByRole('button', { name: 'Create key' }).click();
  const key = (await owner.getByTestId('api-key-form-secret').locator('code').textContent())!;
  expect(key).toMatch(/^rb_[A-Za-z0-9_-]{43}$/);
  const sale = { externalId: `e2e-${Date.now()}`, clickId, amountMinor: 100_000, currency: 'USD' };
  const posted = await request.post('/api/v1/track/sale', { headers: { Authorization: `Bearer ${key}` }, data: sale });
  expect(posted.status()).toBe(201);
  expect((await posted.json()).attribution).toMatchObject({ status: 'attributed', method: 'click' });
  const again = await request.post('/api/v1/track/sale', { headers: { Authorization: `Bearer ${key}` }, data: sale });
  expect(again.status()).toBe(200);
  expect((await again.json()).duplicate).toBe(true);
  const forged = await request.post('/api/v1/track/sale', { headers: { Authorization: `Bearer rb_${'x'.repeat(43)}` }, data: sale });
  expect(forged.status()).toBe(401);

  // The report: one more click, one more sale, $1,000 more revenue, and the ROI that follows.
  await manager.goto(reportUrl);
  await expect(manager.getByTestId('kpi-conversions-value')).toHaveText(String(before.conversions + 1));
  await expect(manager.getByTestId('kpi-link-clicks-value')).toHaveText(String(before.clicks + 1));
  const revenue = numberIn(await kpi('kpi-revenue'));
  expect(revenue).toBe(before.revenue + 1_000);
  // ROI = (revenue − spend) ÷ spend, shown as the app formats a percentage (en-US, one decimal).
  const roi = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  await expect(manager.getByTestId('kpi-roi-value')).toHaveText(roi.format((revenue - before.spend) / before.spend));

  // GA4 (a local fake of the Data API, scripts/fake-ga4-server.ts) recorded the visits with the link's UTM values.
  const utm = (name: string) => landed.searchParams.get(name)!;
  const ga4Row = (date: string, sessions: number, keyEvents: number, revenue: string) => ({
    date,
    sessionCampaignName: utm('utm_campaign'),
    sessionSource: utm('utm_source'),
    sessionManualAdContent: utm('utm_content'),
    sessions: String(sessions),
    keyEvents: String(keyEvents),
    totalRevenue: revenue,
  });
  const property = '412345678';
  // The brand's own service account (its key made by playwright.config.ts) is the property's only Viewer.
  const serviceAccountKey = process.env.E2E_GA4_SERVICE_ACCOUNT_JSON!;
  const clientEmail = (JSON.parse(serviceAccountKey) as { client_email: string }).client_email;
  const rows = [ga4Row('20261129', 100, 4, '834.50'), ga4Row('20261130', 50, 2, '400')];
  const scenario = { kind: 'ok', currency: 'USD', rows, viewers: [clientEmail] };
  expect((await request.put(`${GA4_URL}/__fake/properties/${property}`, { data: scenario })).status()).toBe(200);
  // The owner connects the property; the first read runs at once and says what it found.
  await owner.goto(`${NORTHWIND}/settings`);
  const ga4Form = owner.getByTestId('ga4-form');
  await ga4Form.getByLabel('Property id').fill(property);
  await ga4Form.getByLabel('Name').fill('Northwind shop');
  // A property the account was not let into is refused before anything is kept.
  await ga4Form.getByLabel('Property id').fill('499999999');
  await ga4Form.getByLabel('Service account key (JSON)').fill(serviceAccountKey);
  await ga4Form.getByRole('button', { name: 'Connect property' }).click();
  await expect(owner.locator('#ga4-key-error')).toHaveText(
    new RegExp(`^GA4 refused ${clientEmail.replace(/[.]/g, '\\.')} access to property 499999999: add it as a Viewer`),
  );
  await expect(owner.getByTestId('ga4-properties')).toHaveCount(0);
  await ga4Form.getByLabel('Property id').fill(property);
  await ga4Form.getByLabel('Name').fill('Northwind shop');
  await ga4Form.getByLabel('Service account key (JSON)').fill(serviceAccountKey);
  await ga4Form.getByRole('button', { name: 'Connect property' }).click();
  await expect(owner.getByTestId('ga4-form-message')).toHaveText('Property connected. Read 2 rows of campaign traffic.');
  await expect(owner.getByTestId('ga4-properties')).toContainText(`Northwind shop properties/${property}read as ${clientEmail}`);
  // The report shows GA4 beside the attributed numbers, which stay as they were.
  await manager.goto(reportUrl);
  await expect(manager.getByTestId('ga4-sessions-value')).toHaveText('150');
  await expect(manager.getByTestId('ga4-key-events-value')).toHaveText('6');
  await expect(manager.getByTestId('ga4-revenue-value')).toHaveText('$1,234.50');
  await expect(manager.getByTestId('ga4-roas-value')).toHaveText(`${(123_450 / (before.spend * 100)).toFixed(2)}×`);
  expect(numberIn(await kpi('kpi-revenue'))).toBe(revenue);
  shop.server.close();
});
