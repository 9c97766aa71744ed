import { Badge } from '@/components/ui/badge';

const TONE = { pending: 'amber', countered: 'indigo', accepted: 'green', rejected: 'red', withdrawn: 'gray' } as const;
const LABEL = { pending: 'Pending', countered: 'Countered', accepted: 'Accepted', rejected: 'Rejected', withdrawn: 'Withdrawn' } as const;

/** An offer's (or round's) status as a coloured badge. */
export function OfferStatusBadge({ status }: { status: string }) {
  const key = (status in TONE ? status : 'pending') as keyof typeof TONE;
  return (
    <span data-testid="offer-status">
      <Badge tone={TONE[key]}>{LABEL[key]}</Badge>
    </span>
  );
}
