import type { Campaign } from '@/db/schema';
import { Badge } from '../ui/badge';

const TONES = { draft: 'gray', active: 'green', completed: 'indigo', cancelled: 'red' } as const;

export function CampaignStatusBadge({ status }: { status: Campaign['status'] }) {
  return <Badge tone={TONES[status]}>{status[0].toUpperCase() + status.slice(1)}</Badge>;
}
