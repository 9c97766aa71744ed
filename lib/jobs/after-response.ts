import { after } from 'next/server';

/**
 * Runs `task` once the current response has been sent (Next's `after`), so the person who caused
 * it does not wait for it; outside a request (CLI scripts, tests, an Inngest step run in this
 * process) it runs now and is awaited. A failure is logged with `label`, never thrown: the request
 * that scheduled it has already succeeded.
 */
export async function afterResponse(label: string, task: () => Promise<unknown>): Promise<void> {
  const run = async () => {
    try {
      await task();
    } catch (error) {
      console.error(`[${label}] failed after the response: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    after(run);
  } catch {
    await run();
  }
}
