import { expect, test } from './streaming';
import { DEMO, DEMO_PASSWORD, signIn, signUp, unique } from './helpers';

test.describe('response headers', () => {
  test('every page carries a nonce-based Content-Security-Policy that its own scripts satisfy', async ({ request }) => {
    const first = await request.get('/sign-in');
    const second = await request.get('/sign-in');
    const csp = first.headers()['content-security-policy'];
    const nonce = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    // A fresh nonce per response, and every script tag of the page carries it.
    expect(second.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    expect(first.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(first.headers()['x-frame-options']).toBe('DENY');
    expect(first.headers()['x-content-type-options']).toBe('nosniff');
  });
});

test.describe('sessions end on the server', () => {
  test('after sign-out, a copy of the session cookie no longer opens the account', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, DEMO.fan, DEMO_PASSWORD);
    await expect(page.getByTestId('current-user')).toHaveText('Finn Keller');
    const copied = await context.storageState();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);

    const thief = await browser.newContext({ storageState: copied });
    const stolen = await thief.newPage();
    await stolen.goto('/fan');
    await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=%2Ffan$/);
    await thief.close();
    await context.close();
  });

  test('"Sign out everywhere" ends the sessions of every device', async ({ browser }) => {
    const email = unique('everywhere');
    const laptop = await browser.newContext();
    const laptopPage = await laptop.newPage();
    await signUp(laptopPage, 'fan', { 'Your name': 'Eve Everywhere', Email: email, Password: 'eve everywhere passphrase' });
    const phone = await browser.newContext();
    const phonePage = await phone.newPage();
    await signIn(phonePage, email, 'eve everywhere passphrase');
    await expect(phonePage.getByTestId('current-user')).toHaveText('Eve Everywhere');

    await laptopPage.goto('/settings');
    // The confirmation asks first: cancelling it (Escape) changes nothing.
    await laptopPage.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = laptopPage.getByRole('alertdialog');
    await expect(dialog.getByRole('heading')).toHaveText('Sign out on every device, this one included?');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await laptopPage.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await laptopPage.reload();
    await expect(laptopPage.getByTestId('current-user')).toHaveText('Eve Everywhere');
    await laptopPage.getByRole('button', { name: 'Sign out everywhere' }).click();
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(laptopPage).toHaveURL(/\/sign-in\?signedOut=1$/);
    await expect(laptopPage.getByText('You are signed out on every device.')).toBeVisible();

    await phonePage.goto('/fan');
    await expect(phonePage).toHaveURL(/\/sign-in\?callbackUrl=%2Ffan$/);
    await laptop.close();
    await phone.close();
  });
});
