import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';
import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';

type Handlers = ReturnType<typeof serve>;
let handlers: Handlers | undefined;

/**
 * The serve handler, built on first use (the environment is validated at request time, not at
 * build). `serveOrigin` comes from configuration, so a request's Host header never chooses the URL
 * that a sync registers with Inngest.
 */
function inngestHandlers(): Handlers {
  const env = getEnv();
  handlers ??= serve({ client: inngest, functions, serveOrigin: env.INNGEST_SERVE_ORIGIN ?? env.appUrl });
  return handlers;
}

export const GET: Handlers['GET'] = (...args) => inngestHandlers().GET(...args);
export const POST: Handlers['POST'] = (...args) => inngestHandlers().POST(...args);
export const PUT: Handlers['PUT'] = (...args) => inngestHandlers().PUT(...args);
