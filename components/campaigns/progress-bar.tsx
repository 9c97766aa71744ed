import { METRIC_DEFINITIONS } from '@/lib/metrics/definitions';
import type { CampaignProgress } from '@/lib/metrics/campaign-progress';

/** A compact campaign progress bar with its percentage; "—" when unknown. The formula is on hover. */
export function ProgressBar({ progress }: { progress: CampaignProgress | null }) {
  const v = progress?.overall.value ?? null;
  const title =
    v === null
      ? `Unknown: ${progress?.overall.reason ?? 'no data'}`
      : `${METRIC_DEFINITIONS.campaignProgress.formula}. Deliverables ${progress!.task.value === null ? '—' : `${Math.round(progress!.task.value * 100)} %`}, goals ${progress!.goal.value === null ? '—' : `${Math.round(progress!.goal.value * 100)} %`}`;
  return (
    <div className="flex items-center gap-2" title={title} data-testid="progress-bar">
      <div className="h-1.5 w-20 rounded bg-gray-100">
        <div className="h-1.5 rounded bg-indigo-500" style={{ width: `${Math.min(1, v ?? 0) * 100}%` }} />
      </div>
      <span className="w-9 text-right text-xs tabular-nums text-gray-600">{v === null ? '—' : `${Math.round(v * 100)} %`}</span>
    </div>
  );
}
