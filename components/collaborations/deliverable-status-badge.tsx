import { Badge } from '@/components/ui/badge';

const TONE = { pending: 'gray', submitted: 'amber', changes_requested: 'red', approved: 'green' } as const;
const LABEL = { pending: 'To do', submitted: 'In review', changes_requested: 'Changes requested', approved: 'Approved' } as const;

/** A deliverable's status as a coloured badge. */
export function DeliverableStatusBadge({ status }: { status: keyof typeof TONE }) {
  return (
    <span data-testid="deliverable-status">
      <Badge tone={TONE[status]}>{LABEL[status]}</Badge>
    </span>
  );
}
