import { Badge } from '@/components/ui/badge';
import { Tooltip } from '@/components/ui/tooltip';
import type { RosterRow } from '@/lib/analytics/list-roster';

const TONE = { low: 'amber', medium: 'amber', high: 'red' } as const;

/**
 * A roster row's engagement concentration: its coefficient of variation with the severity when
 * flagged, "even" when judged and not flagged, and "—" (with what it needs) when not judged.
 */
export function ConcentrationCell({ concentration: c }: { concentration: RosterRow['concentration'] }) {
  if (c.cv === null)
    return (
      <Tooltip content="Not judged: needs 10 posts with engagements on one account">
        <span className="text-gray-500">—</span>
      </Tooltip>
    );
  return (
    <Tooltip
      content={`Coefficient of variation of engagements over the latest 200 posts: ${c.cv.toFixed(2)} (flagged past 1.5, medium past 2, high past 3). The influencer page shows the evidence.`}
    >
      <span className="inline-flex items-center gap-1.5 tabular-nums" data-testid="concentration-cell">
        {c.cv.toFixed(2)}
        {c.severity ? <Badge tone={TONE[c.severity]}>{c.severity}</Badge> : <span className="text-[11px] text-gray-500">even</span>}
      </span>
    </Tooltip>
  );
}
