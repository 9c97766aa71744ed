import { test as base, type BrowserContext, type Page } from '@playwright/test';

/**
 * Pages with a `loading.tsx` stream their content after a skeleton. Since React 19.2 the reveal
 * of a streamed segment can be queued for ~300 ms while hydration already client-renders the
 * same content, so for that window the page holds a second, hidden copy
 * (`<div hidden id="S:…">`, react/react#37014; users see nothing of it). Locators would then match
 * twice, so every full page load in these tests waits until no such segment is left.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'), undefined, { timeout: 10_000 });
}

const wrapped = new WeakSet<Page>();
function settleNavigations(page: Page): void {
  if (wrapped.has(page)) return;
  wrapped.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args: Parameters<Page['goto']>) => {
    const response = await goto(...args);
    await settled(page);
    return response;
  };
  page.reload = async (...args: Parameters<Page['reload']>) => {
    const response = await reload(...args);
    await settled(page);
    return response;
  };
}

function settleContext(context: BrowserContext): void {
  for (const page of context.pages()) settleNavigations(page);
  context.on('page', settleNavigations);
}

/** Playwright's `test`, with every page's `goto`/`reload` waiting for streamed content to settle. */
export const test = base.extend<object, { settleBrowser: void }>({
  context: async ({ context }, provide) => {
    settleContext(context);
    await provide(context);
  },
  settleBrowser: [
    async ({ browser }, provide) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const context = await newContext(...args);
        settleContext(context);
        return context;
      };
      await provide();
    },
    { scope: 'worker', auto: true },
  ],
});

export { expect } from '@playwright/test';
