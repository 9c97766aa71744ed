import type { CampaignStatus } from '@/lib/campaigns/campaign-schema';
import { Badge } from '../ui/badge';

const TONES = { draft: 'gray', active: 'green', completed: 'indigo', cancelled: 'red' } as const;

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={TONES[status]}>{status[0].toUpperCase() + status.slice(1)}</Badge>;
}
