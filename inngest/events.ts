import { eventType } from 'inngest';
import { z } from 'zod';
import { platform } from '@/db/schema';
import { EMAIL_TEMPLATES, type EmailTemplateName } from '@/lib/email/catalog';

/**
 * Every event Reachboard sends to Inngest, with the zod schema of its data: functions take their
 * trigger from here (typed `event.data`, validated), and `sendEvent` only sends these.
 */

/** Run (or resume) an import job. */
export const importRequested = eventType('import/requested', { schema: z.object({ jobId: z.guid() }) });

/** Build a background CSV export and tell the member who asked. */
export const exportCsvRequested = eventType('export/csv.requested', { schema: z.object({ exportId: z.guid() }) });

/** Deliver queued emails (each with its idempotency key). */
export const emailSendRequested = eventType('email/send.requested', {
  schema: z.object({
    emails: z.array(
      z.object({
        to: z.string().min(3),
        template: z.enum(Object.keys(EMAIL_TEMPLATES) as [EmailTemplateName, ...EmailTemplateName[]]),
        props: z.record(z.string(), z.unknown()),
        key: z.string().min(1),
      }),
    ),
  }),
});

/** Refresh one tracked account (for `orgId` only: "refresh now"; else for every organization due). */
export const accountRefreshRequested = eventType('snapshot/account.requested', {
  schema: z.object({ socialAccountId: z.guid(), platform: z.enum(platform.enumValues), orgId: z.guid().optional() }),
});

/** Read one connected GA4 property's campaign traffic (lib/ga4/sync-ga4-property.ts). */
export const ga4SyncRequested = eventType('ga4/property.sync.requested', { schema: z.object({ ga4PropertyId: z.guid() }) });

/** Renew one creator connection's access token (lib/connections/refresh-connection-token.ts). */
export const connectionRefreshRequested = eventType('connection/token.refresh.requested', {
  schema: z.object({ connectionId: z.guid(), platform: z.enum(platform.enumValues) }),
});

/** Email a user the messages still unread after a burst (debounced per user). */
export const messageDigestRequested = eventType('inbox/message-digest.requested', { schema: z.object({ userId: z.guid() }) });

/** The events `sendEvent` may send. */
export type AppEvent =
  | typeof importRequested
  | typeof exportCsvRequested
  | typeof emailSendRequested
  | typeof accountRefreshRequested
  | typeof messageDigestRequested
  | typeof ga4SyncRequested
  | typeof connectionRefreshRequested;
