'use client';

import { useEffect, useRef, useState } from 'react';
import { formatEstimatedCount, formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import type { CountForecast, DeliverableForecast } from '@/lib/forecasts/internal';
import { PLATFORM_NAMES, type PlatformKey } from '@/lib/platforms';

type Planned = { platform: PlatformKey; title: string };

/** The fee typed (major units, "1,500.50") in minor units, or null while it is not a number. */
function feeMinorOf(value: string): number | null {
  const s = value.replace(/[,\s]/g, '');
  return /^\d{1,13}(\.\d{1,2})?$/.test(s) ? Math.round(Number(s) * 100) : null;
}

function Range({ f, label }: { f: CountForecast; label: string }) {
  if ('reason' in f)
    return (
      <p className="text-xs text-gray-500">
        {label}: — <span className="block">{f.reason}.</span>
      </p>
    );
  return (
    <p className="text-sm text-gray-900">
      <span className="font-semibold tabular-nums">{formatEstimatedCount(f.point)}</span> {label}
      <span className="ml-1 text-xs tabular-nums text-gray-500">
        (80% between {formatEstimatedCount(f.p10)} and {formatEstimatedCount(f.p90)})
      </span>
    </p>
  );
}

/**
 * What each deliverable of the offer being written is expected to bring, before it is sent: views
 * and engagements at 30 days with their p10–p90 range, and the implied CPM and CPE at the fee
 * typed (split evenly over the deliverables listed). Follows the form's fee and deliverable fields
 * as they change. The forecasts come from the server (lib/forecasts); sending stores them.
 */
export function OfferForecast({ forecasts, currency }: { forecasts: DeliverableForecast[]; currency: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [planned, setPlanned] = useState<{ feeMinor: number | null; rows: Planned[] }>({ feeMinor: null, rows: [] });
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    const read = () => {
      const data = new FormData(form);
      const titles = data.getAll('deliverableTitle').map(String);
      const platforms = data.getAll('deliverablePlatform').map(String) as PlatformKey[];
      const rows = platforms.map((platform, i) => ({ platform, title: titles[i]?.trim() ?? '' }));
      const named = rows.filter((r) => r.title);
      setPlanned({ feeMinor: feeMinorOf(String(data.get('fee') ?? '')), rows: named.length ? named : rows.slice(0, 1) });
    };
    read();
    form.addEventListener('input', read);
    form.addEventListener('change', read);
    return () => {
      form.removeEventListener('input', read);
      form.removeEventListener('change', read);
    };
  }, []);
  const share = planned.feeMinor === null || planned.rows.length === 0 ? null : planned.feeMinor / planned.rows.length;
  return (
    <div ref={ref} className="space-y-3" data-testid="offer-forecast">
      {planned.rows.map((row, i) => {
        const f = forecasts.find((x) => x.platform === row.platform);
        const name = PLATFORM_NAMES[row.platform] ?? row.platform;
        return (
          <div key={i} className="rounded-md bg-gray-50 p-3 ring-1 ring-gray-200" data-testid="offer-forecast-row">
            <p className="text-xs font-medium uppercase tracking-wide text-gray-500">
              {row.title || `Deliverable ${i + 1}`} · {name}
            </p>
            {!f ? (
              <p className="mt-1 text-xs text-gray-500">No {name} account is known for this creator: nothing to forecast from.</p>
            ) : (
              <div className="mt-1 space-y-1">
                {'reason' in f.views && 'reason' in f.engagements && f.views.reason === f.engagements.reason ? (
                  <p className="text-xs text-gray-600">No forecast. {f.views.reason}.</p>
                ) : (
                  <>
                    <Range f={f.views} label="views" />
                    <Range f={f.engagements} label="engagements" />
                  </>
                )}
                <p className="text-xs text-gray-600" data-testid="offer-forecast-costs">
                  {share === null
                    ? 'Type the fee to see the implied CPM and CPE.'
                    : `At ${formatMoney(Math.round(share), currency)}: CPM ${
                        'reason' in f.views || f.views.point <= 0 ? '—' : formatMoney((share / f.views.point) * 1000, currency)
                      } · CPE ${'reason' in f.engagements || f.engagements.point <= 0 ? '—' : formatMoney(share / f.engagements.point, currency, 4)}`}
                </p>
                <p className="text-xs text-gray-500">
                  {'reason' in f.views
                    ? null
                    : `From ${f.views.ownPosts} of their posts and ${formatNumber(f.views.priorPosts)} posts by your other ${f.tier ? `${f.tier}-tier ` : ''}${name} creators (theirs weigh ${formatPercent(f.views.weight, 0)}). `}
                  Completion:{' '}
                  {f.completionProbability === null
                    ? '— (no deliverable due yet in this organization)'
                    : `${formatPercent(f.completionProbability, 0)} (they completed ${f.completion.creator.completed} of ${f.completion.creator.due} due; your creators ${f.completion.org.completed} of ${f.completion.org.due})`}
                </p>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
