import { formatEstimatedCount, formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import { Tooltip } from '@/components/ui/tooltip';
import type { CampaignForecast, CountForecast } from '@/lib/forecasts/internal';
import { PLATFORM_NAMES, type PlatformKey } from '@/lib/platforms';

const range = (f: CountForecast, label: string) =>
  'reason' in f
    ? `${label}: — (${f.reason.charAt(0).toLowerCase()}${f.reason.slice(1)}).`
    : `${label}: ${formatEstimatedCount(f.point)}, 80 % between ${formatEstimatedCount(f.p10)} and ${formatEstimatedCount(f.p90)}.`;

/**
 * A creator's forecast for a campaign in one cell (discovery, the shortlist): expected views of one
 * deliverable on their main platform and the implied CPE at the fee used, marked as an estimate;
 * the interval, the fee's source, what it was computed from and the completion probability on
 * hover or focus. "—" when there is nothing to forecast from.
 */
export function CampaignForecastCell({ forecast: f, currency }: { forecast: CampaignForecast | null; currency: string }) {
  if (!f) return <span className="text-sm text-gray-500">—</span>;
  const name = PLATFORM_NAMES[f.platform as PlatformKey] ?? f.platform;
  const thin = 'reason' in f.views && 'reason' in f.engagements;
  const fee = f.feeMinor === null ? null : formatMoney(f.feeMinor, currency);
  return (
    <Tooltip
      align="end"
      content={
        <span className="block space-y-1">
          <span className="block font-semibold">Forecast (an estimate, not a measurement): one {name} deliverable, 30 days</span>
          {thin && 'reason' in f.views && 'reason' in f.engagements && f.views.reason === f.engagements.reason ? (
            <span className="block">{f.views.reason}.</span>
          ) : (
            <>
              <span className="block">{range(f.views, 'Views')}</span>
              <span className="block">{range(f.engagements, 'Engagements')}</span>
            </>
          )}
          <span className="block">
            {fee === null
              ? 'No fee to price it: no rate card in this currency and no campaign budget.'
              : `At ${fee} (${f.feeBasis}): CPM ${f.cpmMinor === null ? '—' : formatMoney(f.cpmMinor, currency)}, CPE ${
                  f.cpeMinor === null ? '—' : formatMoney(f.cpeMinor, currency, 4)
                }.`}
          </span>
          {'reason' in f.views ? null : (
            <span className="block">
              From {f.views.ownPosts} of their posts and {formatNumber(f.views.priorPosts)} by your other {f.tier ? `${f.tier}-tier ` : ''}
              {name} creators (theirs weigh {formatPercent(f.views.weight, 0)}).
            </span>
          )}
          <span className="block">
            Completion: {f.completionProbability === null ? '— (no deliverable due yet)' : formatPercent(f.completionProbability, 0)}.
          </span>
        </span>
      }
    >
      <span className="inline-block cursor-help whitespace-nowrap text-right" data-testid="campaign-forecast">
        {thin ? (
          <span className="text-xs text-gray-500">Not enough data</span>
        ) : (
          <>
            <span className="block text-sm tabular-nums text-gray-900">
              <span className="mr-1 rounded bg-violet-50 px-1 text-[10px] font-medium uppercase tracking-wide text-violet-700">est.</span>
              {'reason' in f.views ? '—' : `${formatEstimatedCount(f.views.point)} views`}
            </span>
            <span className="block text-xs tabular-nums text-gray-600">
              CPE {f.cpeMinor === null ? '—' : formatMoney(f.cpeMinor, currency, 4)}
              {fee === null ? '' : ` at ${fee}`}
            </span>
          </>
        )}
      </span>
    </Tooltip>
  );
}
