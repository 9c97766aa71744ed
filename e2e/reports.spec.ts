import { expect, test } from './streaming';
import { NORTHWIND, mailboxEmail, openMailbox, stateOf, unique } from './helpers';

test.describe('campaign report by email', () => {
  test.use({ storageState: stateOf('manager') });

  test('a manager emails the campaign report; it arrives with the page’s numbers and a link back', async ({ page, browser }) => {
    const to = unique('cfo');
    await page.goto(`${NORTHWIND}/campaigns`);
    await page.getByRole('link', { name: 'Back to School Creator Pilot' }).click();
    const spend = (await page.getByTestId('kpi-spend-value').textContent())?.trim();
    expect(spend).toBe('$27,000');
    await page.getByText('Email this report to…').click();
    const form = page.getByTestId('email-report');
    await form.getByLabel(/Recipients/).fill(`${to}, not-an-address`);
    await form.getByRole('button', { name: 'Send report' }).click();
    await expect(form.getByText('Not an email address: not-an-address')).toBeVisible();
    await form.getByLabel(/Recipients/).fill(to);
    await form.getByRole('button', { name: 'Send report' }).click();
    await expect(form.getByTestId('email-report-message')).toHaveText(`Report sent to ${to}.`);

    const mailbox = await openMailbox(browser, to);
    const mail = await mailboxEmail(mailbox, 'Back to School Creator Pilot: campaign report from Marcus Webb');
    await expect(mail).toContainText('Marcus Webb sent you the report of Back to School Creator Pilot (Northwind Outfitters).');
    // The same figure as the page's Spend tile, in the text part's KPI table…
    await expect(mail.getByTestId('email-text')).toHaveText(new RegExp(`\\nSpend +${spend!.replace('$', '\\$')} +`));
    await expect(mail).toContainText('Top influencers');
    // …and in the HTML part, as a mail client shows it.
    await mail.getByText('HTML version').click();
    const html = mail.frameLocator('iframe');
    await expect(html.getByRole('heading', { name: 'Back to School Creator Pilot: campaign report' })).toBeVisible();
    await expect(html.getByRole('cell', { name: spend!, exact: true })).toBeVisible();
    await expect(html.getByRole('link', { name: 'Open the campaign' })).toBeVisible();
    await mail.getByTestId('email-link').filter({ hasText: '/campaigns/' }).first().click();
    await expect(
      mailbox
        .getByRole('heading', { name: 'Sign in to Reachboard' })
        .or(mailbox.getByRole('heading', { name: 'Back to School Creator Pilot' })),
    ).toBeVisible();
  });
});
