import { expect, test } from './streaming';
import { GLOBEX, NORTHWIND, mailboxLink, stateOf, unique } from './helpers';

test.describe('a viewer reads but cannot change anything', () => {
  test.use({ storageState: stateOf('viewer') });

  test('the team page has no controls to change anything', async ({ page }) => {
    await page.goto(`${NORTHWIND}/settings`);
    await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
    await expect(page.getByText('you can read everything but change nothing')).toBeVisible();
    await expect(page.getByTestId('members')).toContainText('Olivia Hart');
    await expect(page.getByTestId('invite-form')).toHaveCount(0);
    await expect(page.getByTestId('org-form')).toHaveCount(0);
    await expect(page.getByRole('combobox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  });

  test('the overview shows the organization read-only', async ({ page }) => {
    await page.goto(NORTHWIND);
    await expect(page.getByText('You are a viewer')).toBeVisible();
    await expect(page.getByTestId('stat-campaigns-value')).toHaveText('4');
  });
});

test.describe('nobody opens another organization’s pages', () => {
  test.use({ storageState: stateOf('rivalOwner') });

  test('a brand owner gets "not found" for another brand', async ({ page }) => {
    for (const path of [NORTHWIND, `${NORTHWIND}/settings`]) {
      await page.goto(path);
      await expect(page.getByTestId('not-found')).toBeVisible();
      await expect(page.getByText('Northwind Outfitters')).toHaveCount(0);
    }
    await page.goto(GLOBEX);
    await expect(page.getByRole('heading', { name: 'Globex Beauty' })).toBeVisible();
  });
});

test.describe('other roles do not reach brand or admin pages', () => {
  test.use({ storageState: stateOf('influencer') });

  test('an influencer gets "not found" for a brand and for the admin page', async ({ page }) => {
    for (const path of [NORTHWIND, '/admin', '/fan']) {
      await page.goto(path);
      await expect(page.getByTestId('not-found')).toBeVisible();
    }
  });
});

test('signed-out visitors are sent to sign in', async ({ page }) => {
  await page.goto(NORTHWIND);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fo%2Fnorthwind-outfitters/);
});

test.describe('an owner builds the team', () => {
  test.use({ storageState: stateOf('owner') });

  test('invites a viewer who joins through the emailed link and can only read', async ({ page, browser }) => {
    const email = unique('teammate');
    await page.goto(`${NORTHWIND}/settings`);
    await page.getByTestId('invite-form').getByLabel('Email').fill(email);
    await page.getByTestId('invite-form').getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByTestId('invite-form-message')).toHaveText(`Invitation sent to ${email}.`);
    await expect(page.getByTestId('invitations')).toContainText(email);

    const link = await mailboxLink(browser, email, '/invitations/');
    // A context of its own, without the owner's saved sign-in.
    const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const tab = await invitee.newPage();
    await tab.goto(link);
    await expect(tab.getByRole('heading', { name: 'Join Northwind Outfitters' })).toBeVisible();
    await tab.getByLabel('Your name').fill('Tess Teammate');
    await tab.getByLabel('Password').fill('tess teammate passphrase');
    await tab.getByRole('button', { name: 'Create account and join' }).click();
    await expect(tab.getByRole('heading', { name: 'Northwind Outfitters' })).toBeVisible();
    await expect(tab.getByText('You are a viewer')).toBeVisible();
    await invitee.close();

    await page.reload();
    await expect(page.getByTestId('members')).toContainText('Tess Teammate');
  });
});
