/**
 * Graceful shutdown of a server or CLI process. On SIGTERM (or SIGINT) the process stops taking
 * new work: running imports stop after the batch they are writing commits and mark their job
 * resumable, the embedded scheduler starts no new run, and hooks (stopping the scheduler) run.
 * Whatever is still running after `timeoutMs` is cut short: the process exits anyway, so an
 * orchestrator's grace period is never outlived (a batch cut short rolls back and resumes exactly).
 */

type State = { requested: boolean; hooks: (() => void | Promise<void>)[]; installed: boolean };
// One state per process, even when Next loads this module in several bundles.
const state: State = ((globalThis as { __reachboardShutdown?: State }).__reachboardShutdown ??= {
  requested: false,
  hooks: [],
  installed: false,
});

/** True once the process was asked to stop: long-running work stops at its next safe point. */
export function shutdownRequested(): boolean {
  return state.requested;
}

/** Runs `hook` when shutdown starts (at once if it already has). */
export function onShutdown(hook: () => void | Promise<void>): void {
  if (state.requested) void hook();
  else state.hooks.push(hook);
}

/** Starts the shutdown: work stops at its next safe point and the hooks run. Idempotent. */
function requestShutdown(): void {
  if (state.requested) return;
  state.requested = true;
  for (const hook of state.hooks.splice(0))
    Promise.resolve()
      .then(hook)
      .catch((error) => console.error(`[shutdown] ${(error as Error).message}`));
}

/**
 * Listens for SIGTERM and SIGINT (once per process): starts the shutdown, and exits with 143 (130
 * for SIGINT) after `timeoutMs` if the process is still alive then. Other listeners (Next's server,
 * which closes and waits for responses and `after` work) keep running meanwhile.
 */
export function installShutdownHandlers(timeoutMs: number, log: (message: string) => void = console.log): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    // `on`, not `once`: a second signal (a process group's parent forwarding it) must not kill the
    // process before its batch commits.
    process.on(signal, () => {
      if (state.requested) return;
      log(`[shutdown] ${signal}: taking no new work; running imports stop after their current batch (at most ${timeoutMs} ms)`);
      requestShutdown();
      setTimeout(() => {
        log(`[shutdown] still busy after ${timeoutMs} ms: exiting; interrupted work resumes`);
        process.exit(signal === 'SIGTERM' ? 143 : 130);
      }, timeoutMs).unref();
    });
}
