import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'reachboard-demo';

export const DEMO = {
  admin: 'admin@reachboard.example',
  owner: 'olivia@northwind.example',
  manager: 'marcus@northwind.example',
  viewer: 'vera@northwind.example',
  rivalOwner: 'sam@globex.example',
  influencer: 'maya@creators.example',
  creator: 'r29@creators.example',
  collaborator: 'casey@creators.example',
  fan: 'finn@fans.example',
} as const;
export type DemoRole = keyof typeof DEMO;

export const NORTHWIND = '/o/northwind-outfitters';

/** The main pages of each demo role, for the checks that walk every page (accessibility, phone width). */
export const MAIN_PAGES: Partial<Record<DemoRole, string[]>> = {
  manager: [
    NORTHWIND,
    `${NORTHWIND}/analytics`,
    `${NORTHWIND}/influencers`,
    `${NORTHWIND}/discover`,
    `${NORTHWIND}/campaigns`,
    `${NORTHWIND}/benchmarks`,
    `${NORTHWIND}/imports`,
    `${NORTHWIND}/tracking`,
    `${NORTHWIND}/settings`,
    '/inbox',
    '/notifications',
    '/settings',
  ],
  influencer: ['/creator', '/campaigns', '/offers', '/creator/collaborations', '/creator/profile', '/inbox'],
  creator: ['/creator'],
  fan: ['/fan', '/creators'],
  admin: ['/admin', '/admin/users', '/admin/claims', '/admin/insights', '/admin/audit'],
};

/** The first link of a list page to one of its items (a campaign report, an influencer page). */
export async function firstItemOf(page: Page, list: string): Promise<string> {
  await page.goto(list);
  const href = await page.locator(`main a[href^="${list}/"]`).first().getAttribute('href');
  if (!href) throw new Error(`${list} links to no item`);
  return href;
}
export const GLOBEX = '/o/globex-beauty';

/** Saved sign-in state of a demo role (written once by global-setup). */
export function stateOf(role: DemoRole): string {
  return `e2e/.auth/${role}.json`;
}

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.example`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Fills the sign-up form of `role` and sends it; the page then says to check the inbox. */
export async function startSignUp(page: Page, role: 'brand' | 'influencer' | 'fan', fields: Record<string, string>) {
  await page.goto(`/sign-up?role=${role}`);
  for (const [label, value] of Object.entries(fields)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('sign-up-sent')).toContainText(`Check your inbox: we sent an email to ${fields.Email}.`);
}

/**
 * Signs up as a person does: the form, the emailed link (read from the development mailbox), the
 * confirmation, then sign-in; waits for the role's home.
 */
export async function signUp(page: Page, role: 'brand' | 'influencer' | 'fan', fields: Record<string, string>) {
  await startSignUp(page, role, fields);
  await finishSignUp(page, { email: fields.Email, password: fields.Password, name: fields['Your name'] });
}

/** Opens the emailed confirmation link of a sign-up, confirms, signs in and waits for the home. */
export async function finishSignUp(page: Page, who: { email: string; password: string; name: string }) {
  const link = await mailboxLink(page.context().browser()!, who.email, '/verify-email?token=');
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await expect(page.getByTestId('verify-email-message')).toHaveText(
    `Your account is ready: ${who.email} is confirmed. Sign in to continue.`,
  );
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Email')).toHaveValue(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toHaveText(who.name);
}

/** The development mailbox, filtered to `to`, in a page without a session. */
export async function openMailbox(browser: Browser, to: string): Promise<Page> {
  const page = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
  return page;
}

/**
 * The newest email to `to` whose subject matches, waiting for it to arrive (emails go out after the
 * response that caused them).
 */
export async function mailboxEmail(page: Page, subject: string | RegExp): Promise<Locator> {
  const mail = page
    .getByTestId('email')
    .filter({ has: page.getByTestId('email-subject').filter({ hasText: subject }) })
    .first();
  await expect(async () => {
    await page.reload();
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return mail;
}

/** The newest link to `path` in the development mailbox for `to`. */
export async function mailboxLink(browser: Browser, to: string, path: string): Promise<string> {
  const page = await openMailbox(browser, to);
  const link = page.getByTestId('email-link').filter({ hasText: path }).first();
  // Emails go out after the response: reload until this one has arrived.
  await expect(async () => {
    await page.reload();
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const href = (await link.getAttribute('href'))!;
  await page.close();
  return href;
}
