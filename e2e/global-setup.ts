import { mkdirSync } from 'node:fs';
import { chromium, type FullConfig } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, stateOf, type DemoRole } from './helpers';

/** Signs each demo role in once and saves its cookies, so tests start signed in. */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0].use;
  mkdirSync('e2e/.auth', { recursive: true });
  const browser = await chromium.launch(launchOptions);
  for (const role of Object.keys(DEMO) as DemoRole[]) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(DEMO[role]);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();
    await context.storageState({ path: stateOf(role) });
    await context.close();
  }
  await browser.close();
}
