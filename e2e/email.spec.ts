import { expect, test } from './streaming';
import { DEMO, NORTHWIND, mailboxEmail, mailboxLink, openMailbox, signIn, signUp, startSignUp, stateOf, unique } from './helpers';

test('an account is created when the emailed link is confirmed, once; then the welcome email', async ({ page, browser }) => {
  const email = unique('confirm');
  await startSignUp(page, 'fan', { 'Your name': 'Cora Confirm', Email: email, Password: 'cora confirm passphrase' });
  // Nothing exists before the link is opened.
  await signIn(page, email, 'cora confirm passphrase');
  await expect(page.getByTestId('sign-in-error')).toHaveText('Email or password is incorrect.');

  const link = await mailboxLink(browser, email, '/verify-email?token=');
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await expect(page.getByTestId('verify-email-message')).toHaveText(`Your account is ready: ${email} is confirmed. Sign in to continue.`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Password').fill('cora confirm passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toHaveText('Cora Confirm');
  await expect(page.getByTestId('verify-email-banner')).toHaveCount(0);

  const mailbox = await openMailbox(browser, email);
  const welcome = await mailboxEmail(mailbox, 'Welcome to Reachboard');
  await expect(welcome).toContainText('Welcome, Cora Confirm. Your email address is confirmed.');
  // A used link says so instead of creating anything again.
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await expect(page.getByTestId('verify-email-message')).toContainText('invalid, already used or expired');
});

test('the password-reset email arrives rendered in HTML and text', async ({ page, browser }) => {
  const email = unique('html-reset');
  await signUp(page, 'fan', { 'Your name': 'Hugo Html', Email: email, Password: 'hugo html passphrase' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByTestId('forgot-result')).toContainText('a reset link is on its way');

  const mailbox = await openMailbox(browser, email);
  const mail = await mailboxEmail(mailbox, 'Reset your Reachboard password');
  await expect(mail.getByTestId('email-text')).toContainText('The link below works once and expires in 1 hour.');
  await mail.getByText('HTML version').click();
  const html = mail.frameLocator('iframe');
  await expect(html.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  const button = html.getByRole('link', { name: 'Choose a new password' });
  await expect(button).toHaveAttribute('href', /\/reset-password\?token=/);
  await page.goto((await button.getAttribute('href'))!);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
});

test.describe('background export', () => {
  test.use({ storageState: stateOf('viewer') });

  test('"Email me the file" sends a signed link to the roster CSV; a tampered link is refused', async ({ page, browser }) => {
    await page.goto(`${NORTHWIND}/influencers?sort=followers`);
    // The Export menu: keyboard-reachable, its items only exist while it is open.
    await page.getByTestId('export-roster-menu').press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Download CSV' })).toBeVisible();
    await page.getByRole('menuitem', { name: 'Email me the file' }).click();
    await expect(page.getByTestId('export-roster-message')).toContainText('you will get an email and a notification');
    const to = DEMO.viewer;

    const mailbox = await openMailbox(browser, to);
    const mail = await mailboxEmail(mailbox, /^Your export northwind-outfitters-influencers\.csv is ready$/);
    await expect(mail).toContainText(/rows\) is ready\. The link works until \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC/);
    const href = (await mail.getByTestId('email-link').filter({ hasText: '/api/exports/' }).first().getAttribute('href'))!;

    // The link works without a session (from the email, on any device)…
    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const csv = await anonymous.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^influencer_id,name,accounts,niche,country,tier,followers,/);
    expect(lines.length).toBeGreaterThan(10);
    // …but not once it is tampered with.
    const tampered = await anonymous.request.get(href.replace(/signature=.{4}/, 'signature=AAAA'));
    expect(tampered.status()).toBe(404);
    await anonymous.close();

    // The bell has it too.
    await page.goto('/notifications');
    await expect(page.getByText('Your export northwind-outfitters-influencers.csv is ready').first()).toBeVisible();
  });
});
