/**
 * At server start: validates the environment (a message names each bad variable), checks that the
 * database has every migration (else the server does not start, and says how to apply them), makes every
 * request carry its connection's peer address for rate limiting (lib/auth/client-ip.ts), installs
 * tracking links' redirects in the HTTP server (lib/links/serve-links.ts), the graceful shutdown (lib/jobs/shutdown.ts) and, without an Inngest server, starts the embedded
 * scheduler of the cron functions (inngest/embedded.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEnv } = await import('./lib/env');
    const env = getEnv();
    const { Server } = await import('node:http');
    const { installPeerAddressHeader } = await import('./lib/auth/client-ip');
    installPeerAddressHeader(Server);
    if (process.env.NEXT_PHASE === 'phase-production-build') return;
    // A database without this code's migrations: refuse to start (Next would log the error and keep
    // serving failing pages), saying which and how to apply them. A database not reachable yet is
    // not a reason to exit: pages retry it.
    const { getConnection } = await import('./db');
    const { assertMigrated, MigrationsPendingError } = await import('./db/connect');
    const { describeFailure } = await import('./lib/errors');
    try {
      await assertMigrated(await getConnection());
    } catch (error) {
      if (!(error instanceof MigrationsPendingError))
        console.error(`[startup] could not check the database's migrations: ${describeFailure(error)}`);
      else {
        console.error(`[startup] ${error.message}`);
        process.exit(1);
      }
    }
    const { installLinkServer } = await import('./lib/links/serve-links');
    installLinkServer(Server);
    const { installShutdownHandlers } = await import('./lib/jobs/shutdown');
    installShutdownHandlers(env.SHUTDOWN_TIMEOUT_MS);
    const { schedulerMode } = await import('./lib/jobs/send-event');
    if (schedulerMode() === 'embedded') {
      const { startEmbeddedScheduler } = await import('./inngest/embedded');
      startEmbeddedScheduler();
      console.log('[scheduler] embedded: this process runs the scheduled functions (no Inngest server configured)');
    }
  }
}
