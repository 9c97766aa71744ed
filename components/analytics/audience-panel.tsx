import { formatDate, formatNumber } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import type { AccountAudience, AudienceBucket } from '@/lib/analytics/get-influencer-analytics';
import { PLATFORM_NAMES } from '@/lib/platforms';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const GENDER_LABEL: Record<string, string> = { female: 'Women', male: 'Men', unknown: 'Not specified' };
const SOURCE_LABEL: Record<string, string> = {
  follower_demographics: 'shares of followers',
  viewerPercentage: 'age and gender as shares of viewers',
  views: 'countries as shares of views',
};

function countryName(code: string): string {
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}

/** One breakdown as labelled bars; the part the platform withheld is shown as such, never as 0. */
function Bars({
  title,
  buckets,
  label,
  limit,
  testId,
  platformName,
}: {
  title: string;
  buckets: AudienceBucket[];
  label: (bucket: string) => string;
  limit?: number;
  testId: string;
  platformName: string;
}) {
  const listed = buckets.filter((b) => b.bucket !== null);
  const shown = limit ? listed.slice(0, limit) : listed;
  const withheld = buckets.find((b) => b.bucket === null);
  const beyond = listed.slice(shown.length).reduce((s, b) => s + b.share, 0);
  return (
    <div data-testid={testId}>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-gray-500">{title}</h3>
      {buckets.length === 0 ? (
        <p className="mt-2 text-xs text-gray-500">— {platformName} reported none</p>
      ) : (
        <ul className="mt-2 space-y-1.5">
          {shown.map((b) => (
            <li key={b.bucket} className="grid grid-cols-[7rem_1fr_3.5rem] items-center gap-2 text-xs">
              <span className="truncate text-gray-700" title={label(b.bucket!)}>
                {label(b.bucket!)}
              </span>
              <span className="h-2 rounded-full bg-gray-100" aria-hidden>
                <span className="block h-2 rounded-full bg-indigo-500" style={{ width: `${Math.max(b.share * 100, 1)}%` }} />
              </span>
              <span className="text-right font-medium tabular-nums text-gray-900">{(b.share * 100).toFixed(1)}%</span>
            </li>
          ))}
          {beyond > 0 ? (
            <li className="grid grid-cols-[7rem_1fr_3.5rem] gap-2 text-xs text-gray-500">
              <span>Others listed</span>
              <span />
              <span className="text-right tabular-nums">{(beyond * 100).toFixed(1)}%</span>
            </li>
          ) : null}
          {withheld ? (
            <li
              className="grid grid-cols-[7rem_1fr_3.5rem] gap-2 text-xs text-gray-500"
              title={`${platformName} does not report small groups or lists only its top ones: this part is unknown, not zero.`}
            >
              <span>Not disclosed</span>
              <span />
              <span className="text-right tabular-nums">{(withheld.share * 100).toFixed(1)}%</span>
            </li>
          ) : null}
        </ul>
      )}
    </div>
  );
}

/**
 * The audience of each connected account (age, gender, top countries and cities) as its platform
 * reported it to the creator, with where it came from and when.
 */
export function AudiencePanel({ audience }: { audience: AccountAudience[] }) {
  return (
    <>
      {audience.map((a) => {
        const platformName = PLATFORM_NAMES[a.platform as keyof typeof PLATFORM_NAMES] ?? a.platform;
        const counted = a.gender.some((b) => b.count !== null);
        return (
          <Panel
            key={a.socialAccountId}
            title={`Audience · ${platformName} @${a.handle}`}
            description={`First-party: ${platformName} insights through the creator’s connection (${a.sources
              .map((s) => SOURCE_LABEL[s] ?? s)
              .join('; ')}), captured ${formatDate(a.capturedOn)}`}
            className="mt-6"
          >
            <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-4" data-testid="audience-panel">
              <Bars
                title="Age"
                buckets={[...a.age].sort((x, y) => (x.bucket ?? '~').localeCompare(y.bucket ?? '~'))}
                label={(b) => b}
                testId="audience-age"
                platformName={platformName}
              />
              <Bars
                title="Gender"
                buckets={a.gender}
                label={(b) => GENDER_LABEL[b] ?? b}
                testId="audience-gender"
                platformName={platformName}
              />
              <Bars
                title="Top countries"
                buckets={a.country}
                label={countryName}
                limit={6}
                testId="audience-country"
                platformName={platformName}
              />
              <Bars title="Top cities" buckets={a.city} label={(b) => b} limit={6} testId="audience-city" platformName={platformName} />
            </div>
            {counted ? (
              <p className="mt-4 text-xs text-gray-500">
                Shares of the followers {platformName} counted; buckets it did not disclose are shown as such.{' '}
                {formatNumber(a.gender.reduce((s, b) => s + (b.count ?? 0), 0))} followers in the gender breakdown.
              </p>
            ) : null}
          </Panel>
        );
      })}
    </>
  );
}
