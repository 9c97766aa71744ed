import type { ImportSummary } from '@/lib/imports/get-import-summary';
import { Badge } from '../ui/badge';

type ImportStatus = ImportSummary['status'];

const TONE = { queued: 'gray', running: 'indigo', completed: 'green', failed: 'red' } as const satisfies Record<ImportStatus, string>;

/**
 * An import job's state as a badge, the same in the list of imports and on the job's page: its
 * status, or "Interrupted" (amber) for a running job whose runner died (it resumes from its page).
 * `running` words a live running job more precisely (the job's page: "Importing…", "Updating
 * analytics…"); without it, "Running".
 */
export function ImportStatusBadge({ status, stalled, running }: { status: ImportStatus; stalled: boolean; running?: string }) {
  const label = stalled ? 'Interrupted' : status === 'running' && running ? running : status[0].toUpperCase() + status.slice(1);
  return <Badge tone={stalled ? 'amber' : TONE[status]}>{label}</Badge>;
}
