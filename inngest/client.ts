import { Inngest } from 'inngest';

/** The one Inngest client; functions live in inngest/functions/, one per file. */
export const inngest = new Inngest({ id: 'reachboard' });
