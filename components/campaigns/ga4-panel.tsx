import Link from 'next/link';
import { MetricLabel } from '@/components/analytics/metric-label';
import { MetricTile } from '@/components/analytics/metric-tile';
import { formatMoney, formatNumber, formatRelative } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import type { CampaignReport } from '@/lib/campaigns/get-campaign-report';

/**
 * A campaign's traffic as Google Analytics 4 recorded it through the campaign's UTM values
 * (sessions, key events, revenue and GA4 ROAS, per creator), marked as API data with its sync time.
 * Shown beside the attributed totals, never added to them.
 */
export function Ga4Panel({ ga4, currency, slug }: { ga4: NonNullable<CampaignReport['ga4']>; currency: string; slug: string }) {
  const money = (v: number | null) => formatMoney(v, currency);
  const keyEvents = (v: number | null) => formatNumber(v === null ? null : Math.round(v * 100) / 100);
  const synced = ga4.lastSyncedAt ? `synced ${formatRelative(ga4.lastSyncedAt)}` : 'not synced yet';
  const known = (value: number | null, reason: string) => ({ value, missing: [], reason });
  const none = ga4.perInfluencer.length === 0;
  return (
    <Panel
      title="Google Analytics 4"
      description={`Sessions, key events and revenue GA4 recorded for this campaign’s UTM values · API · ${synced}. Shown beside the attributed sales, never added to them: GA4 also sees orders a click or code already attributed.`}
      padded={false}
    >
      <div className="grid grid-cols-2 gap-4 p-5 md:grid-cols-4" data-testid="ga4-kpis">
        <MetricTile
          metric="ga4Sessions"
          value={known(none ? null : ga4.total.sessions, 'GA4 recorded no session with these UTM values yet')}
          format={(v) => formatNumber(v)}
          testId="ga4-sessions"
        />
        <MetricTile
          metric="ga4KeyEvents"
          value={known(none ? null : ga4.total.keyEvents, 'GA4 recorded no session with these UTM values yet')}
          format={keyEvents}
          testId="ga4-key-events"
        />
        <MetricTile
          metric="ga4Revenue"
          value={known(ga4.total.revenueMinor, `GA4 reported no revenue in ${currency}`)}
          format={money}
          sub={ga4.total.otherCurrencyRows ? `${ga4.total.otherCurrencyRows} rows in another currency left out` : undefined}
          testId="ga4-revenue"
        />
        <MetricTile metric="ga4Roas" value={ga4.roas} format={(v) => (v === null ? '—' : `${v.toFixed(2)}×`)} testId="ga4-roas" />
      </div>
      {none ? (
        <p className="border-t border-gray-100 px-5 py-4 text-sm text-gray-500">
          No GA4 session carries this campaign’s UTM values yet. Sessions appear once visitors arrive through the tracking links and GA4 has
          processed them (up to a day).
        </p>
      ) : (
        <Table data-testid="ga4-table" className="border-t border-gray-100">
          <TableHead>
            <Th>Influencer</Th>
            <Th numeric>
              <MetricLabel metric="ga4Sessions" label="Sessions" align="right" />
            </Th>
            <Th numeric>
              <MetricLabel metric="ga4KeyEvents" label="Key events" align="right" />
            </Th>
            <Th numeric>
              <MetricLabel metric="ga4Revenue" label="Revenue" align="right" />
            </Th>
          </TableHead>
          <TableBody>
            {ga4.perInfluencer.map((i) => (
              <tr key={i.influencerId}>
                <Td className="font-medium">
                  <Link href={`/o/${slug}/influencers/${i.influencerId}`} className="hover:text-indigo-600">
                    {i.name}
                  </Link>
                </Td>
                <Td numeric>{formatNumber(i.sessions)}</Td>
                <Td numeric>{keyEvents(i.keyEvents)}</Td>
                <Td numeric>{money(i.revenueMinor)}</Td>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
