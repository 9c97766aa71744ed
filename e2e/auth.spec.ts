import { expect, test } from './streaming';
import { DEMO, DEMO_PASSWORD, finishSignUp, mailboxEmail, mailboxLink, openMailbox, signIn, signUp, startSignUp, unique } from './helpers';

test.describe('sign-up, sign-in and sign-out', () => {
  test('a brand signs up, lands on its new organization, signs out and back in', async ({ page }) => {
    const email = unique('brand');
    await signUp(page, 'brand', {
      'Your name': 'Bea Brand',
      'Brand or company': 'Bea Bikes',
      Email: email,
      Password: 'bea bikes passphrase',
    });
    await expect(page).toHaveURL(/\/o\/bea-bikes/);
    await expect(page.getByRole('heading', { name: 'Bea Bikes' })).toBeVisible();
    await expect(page.getByText('Waiting for approval')).toBeVisible();
    await expect(page.getByTestId('stat-members-value')).toHaveText('1');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/o/bea-bikes');
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, email, 'bea bikes passphrase');
    await expect(page.getByRole('heading', { name: 'Bea Bikes' })).toBeVisible();
  });

  test('an influencer signs up with a handle and lands on the creator home', async ({ page }) => {
    const email = unique('ivy');
    await page.goto('/sign-up?role=influencer');
    await page.getByLabel('Your name').fill('Ivy Creator');
    await page.getByLabel('Niche').fill('Cooking');
    await page.getByLabel('Handle').fill('@ivy.cooks');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('ivy cooks passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Choose the platform of this handle')).toBeVisible();

    await page.getByLabel('Main platform').selectOption('tiktok');
    await page.getByRole('button', { name: 'Create account' }).click();
    await finishSignUp(page, { email, password: 'ivy cooks passphrase', name: 'Ivy Creator' });
    await expect(page).toHaveURL(/\/creator$/);
    await expect(page.getByRole('heading', { name: 'Hi, Ivy Creator' })).toBeVisible();
    await expect(page.getByText('@ivy.cooks')).toBeVisible();
  });

  for (const callback of ['/%5Cevil.example', '/%09/evil.example/x', '/%5C/evil.example']) {
    test(`sign-in with callbackUrl=${callback} stays on Reachboard`, async ({ page, baseURL }) => {
      await page.goto(`/sign-in?callbackUrl=${callback}`);
      await page.getByLabel('Email').fill(DEMO.fan);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(`${baseURL}/fan`);
      await expect(page.getByTestId('current-user')).toHaveText('Finn Keller');
    });
  }

  test('a fan signs up and lands on the fan home', async ({ page }) => {
    await signUp(page, 'fan', { 'Your name': 'Fred Fan', Email: unique('fred'), Password: 'fred fan passphrase' });
    await expect(page).toHaveURL(/\/fan$/);
    await expect(page.getByRole('heading', { name: 'Your creators' })).toBeVisible();
    await expect(page.getByText('Maya Okafor')).toBeVisible();
  });

  test('signing up with an address that has an account answers the same, and tells its owner instead', async ({ page, browser }) => {
    await startSignUp(page, 'fan', { 'Your name': 'Not Finn', Email: DEMO.fan, Password: 'somebody else passphrase' });
    const mailbox = await openMailbox(browser, DEMO.fan);
    const mail = await mailboxEmail(mailbox, 'You already have a Reachboard account');
    await expect(mail).toContainText('Someone tried to create a Reachboard account with this email address.');
    await signIn(page, DEMO.fan, 'somebody else passphrase');
    await expect(page.getByTestId('sign-in-error')).toHaveText('Email or password is incorrect.');
  });

  test('sign-up shows what is wrong with the input', async ({ page }) => {
    await page.goto('/sign-up?role=fan');
    await page.getByLabel('Your name', { exact: true }).fill('Short Password');
    await page.getByLabel('Email', { exact: true }).fill(unique('short'));
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Use at least 10 characters', { exact: true })).toBeVisible();
    await expect(page.getByTestId('sign-up-error')).toHaveCount(0);
    await expect(page).toHaveURL(/\/sign-up/);
  });

  test('a wrong password and an unknown email get the same message; five failures lock the email', async ({ page }) => {
    const email = unique('locked');
    await signUp(page, 'fan', { 'Your name': 'Lou Locked', Email: email, Password: 'the right passphrase' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);

    await signIn(page, unique('nobody'), 'whatever it is');
    await expect(page.getByTestId('sign-in-error')).toHaveText('Email or password is incorrect.');
    for (let i = 0; i < 5; i++) {
      await signIn(page, email, `wrong passphrase ${i}`);
      await expect(page.getByTestId('sign-in-error')).toHaveText('Email or password is incorrect.');
    }
    await signIn(page, email, 'the right passphrase');
    await expect(page.getByTestId('sign-in-error')).toContainText('Too many failed sign-in attempts. Try again in');
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test('password reset through the emailed link, which works only once', async ({ page, browser }) => {
  const email = unique('reset');
  await signUp(page, 'fan', { 'Your name': 'Rita Reset', Email: email, Password: 'the old passphrase' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  // Client-side navigation: fill the form of the new page, not the sign-in form it replaces.
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByTestId('forgot-result')).toContainText('a reset link is on its way');

  const link = await mailboxLink(browser, email, '/reset-password?token=');
  await page.goto(link);
  await page.getByLabel('New password').fill('the new passphrase');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1/);
  await expect(page.getByText('Your password was changed')).toBeVisible();

  await page.getByLabel('Password').fill('the old passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Email or password is incorrect.');
  await page.getByLabel('Password').fill('the new passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toHaveText('Rita Reset');

  await page.goto(link);
  await page.getByLabel('New password').fill('a third passphrase');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByTestId('reset-error')).toContainText('invalid, already used or expired');
});
