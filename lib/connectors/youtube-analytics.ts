import { youtube_v3 } from '@googleapis/youtube';
import { youtubeAnalytics_v2 } from '@googleapis/youtubeanalytics';
import { OAuth2Client } from 'google-auth-library';
import { getEnv } from '../env';
import type { ConnectorAudienceBucket, ConnectorDailyInsight } from './types';

/** The longest one Google call is waited for. */
const CALL_TIMEOUT_MS = 20_000;
/** Days of daily channel analytics read per refresh (YouTube revises the last few days). */
const ANALYTICS_DAYS = 28;
/** Countries asked for (by views, most first); the rest of the views are stored as not disclosed. */
const TOP_COUNTRIES = 25;

/**
 * Google's OAuth 2.0 client for YouTube connections (`google-auth-library`), with the endpoints of
 * the environment (tests point them at a local fake). `credentials`: a token to call the APIs with.
 */
export function googleOAuthClient(credentials?: { access_token?: string; refresh_token?: string }, redirectUri?: string): OAuth2Client {
  const env = getEnv();
  const client = new OAuth2Client({
    clientId: env.GOOGLE_OAUTH_CLIENT_ID,
    clientSecret: env.GOOGLE_OAUTH_CLIENT_SECRET,
    redirectUri,
    transporterOptions: { timeout: CALL_TIMEOUT_MS },
    endpoints: {
      oauth2AuthBaseUrl: env.GOOGLE_OAUTH_AUTH_URL,
      oauth2TokenUrl: env.GOOGLE_OAUTH_TOKEN_URL,
      oauth2RevokeUrl: env.GOOGLE_OAUTH_REVOKE_URL,
    },
  });
  if (credentials) client.setCredentials(credentials);
  return client;
}

/** The channel a token belongs to (YouTube Data API `channels.list`, `mine=true`, scope youtube.readonly). */
export async function youtubeChannelOf(accessToken: string): Promise<{ id: string; handle: string; title: string | null; url: string }> {
  const api = new youtube_v3.Youtube({ auth: googleOAuthClient({ access_token: accessToken }), rootUrl: getEnv().YOUTUBE_API_BASE_URL });
  const res = await api.channels.list({ part: ['snippet'], mine: true }, { timeout: CALL_TIMEOUT_MS });
  const channel = res.data.items?.[0];
  if (!channel?.id) throw new Error('The Google account has no YouTube channel');
  const customUrl = channel.snippet?.customUrl ?? null;
  return {
    id: channel.id,
    handle: (customUrl ?? channel.id).replace(/^@/, '').toLowerCase(),
    title: channel.snippet?.title ?? null,
    url: customUrl ? `https://www.youtube.com/${customUrl}` : `https://www.youtube.com/channel/${channel.id}`,
  };
}

const AGE_GROUPS: Record<string, string> = {
  'age13-17': '13-17',
  'age18-24': '18-24',
  'age25-34': '25-34',
  'age35-44': '35-44',
  'age45-54': '45-54',
  'age55-64': '55-64',
  'age65-': '65+',
};
const GENDERS: Record<string, string> = { female: 'female', male: 'male', user_specified: 'unknown' };

/** A report's rows as objects keyed by its column headers. */
function rowsOf(report: youtubeAnalytics_v2.Schema$QueryResponse): Record<string, string | number>[] {
  const names = (report.columnHeaders ?? []).map((h) => h.name ?? '');
  return (report.rows ?? []).map((row) => Object.fromEntries(names.map((n, i) => [n, row[i] as string | number])));
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : null);

/**
 * Reads a connected channel's YouTube Analytics (`reports.query`, `ids=channel==MINE`, scope
 * yt-analytics.readonly) for the last {@link ANALYTICS_DAYS} days: daily views, watch time
 * (`estimatedMinutesWatched`) and subscribers gained and lost; `viewerPercentage` by `ageGroup` ×
 * `gender`, stored as its age and gender margins; views by `country` (top {@link TOP_COUNTRIES}),
 * as shares of the period's views with the rest not disclosed. YouTube reports demographics only
 * for channels with enough viewers, and an empty answer is "none", never 0 %. Each report failing
 * loses only itself (`partialFailures`).
 */
export async function readYouTubeAnalytics(
  accessToken: string,
  now = new Date(),
): Promise<{ daily: ConnectorDailyInsight[]; audience: ConnectorAudienceBucket[]; partialFailures: string[] }> {
  const api = new youtubeAnalytics_v2.Youtubeanalytics({
    auth: googleOAuthClient({ access_token: accessToken }),
    rootUrl: getEnv().YOUTUBE_ANALYTICS_BASE_URL,
  });
  const period = { ids: 'channel==MINE', startDate: isoDay(new Date(now.getTime() - ANALYTICS_DAYS * 86_400_000)), endDate: isoDay(now) };
  const partialFailures: string[] = [];
  const run = async <T>(what: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (error) {
      const e = error as { response?: { data?: { error?: { message?: string } } }; message?: string };
      partialFailures.push(`${what}: ${(e.response?.data?.error?.message ?? e.message ?? String(error)).slice(0, 200)}`);
      return null;
    }
  };
  const daily =
    (await run('daily views', async () =>
      rowsOf(
        (
          await api.reports.query(
            {
              ...period,
              metrics: 'views,estimatedMinutesWatched,subscribersGained,subscribersLost',
              dimensions: 'day',
              sort: 'day',
            },
            { timeout: CALL_TIMEOUT_MS },
          )
        ).data,
      ).map((r) => ({
        day: String(r.day),
        views: count(r.views),
        watchMinutes: count(r.estimatedMinutesWatched),
        subscribersGained: count(r.subscribersGained),
        subscribersLost: count(r.subscribersLost),
      })),
    )) ?? [];
  const audience: ConnectorAudienceBucket[] = [];
  const demographics = await run('age and gender', async () =>
    rowsOf(
      (
        await api.reports.query(
          { ...period, metrics: 'viewerPercentage', dimensions: 'ageGroup,gender', sort: 'gender,ageGroup' },
          { timeout: CALL_TIMEOUT_MS },
        )
      ).data,
    ),
  );
  if (demographics?.length) {
    const byAge = new Map<string, number>();
    const byGender = new Map<string, number>();
    for (const r of demographics) {
      const pct = Number(r.viewerPercentage);
      if (!Number.isFinite(pct) || pct < 0) continue;
      const age = AGE_GROUPS[String(r.ageGroup)] ?? String(r.ageGroup);
      const gender = GENDERS[String(r.gender)] ?? String(r.gender);
      byAge.set(age, (byAge.get(age) ?? 0) + pct);
      byGender.set(gender, (byGender.get(gender) ?? 0) + pct);
    }
    for (const [breakdown, map] of [
      ['age', byAge],
      ['gender', byGender],
    ] as const)
      for (const [bucket, pct] of map)
        audience.push({ breakdown, bucket, count: null, share: Math.min(pct / 100, 1), source: 'viewerPercentage' });
  }
  const countries = await run('countries', async () =>
    rowsOf(
      (
        await api.reports.query(
          { ...period, metrics: 'views', dimensions: 'country', sort: '-views', maxResults: TOP_COUNTRIES },
          { timeout: CALL_TIMEOUT_MS },
        )
      ).data,
    ),
  );
  const totalViews = daily.reduce((s, d) => s + (d.views ?? 0), 0);
  if (countries?.length && totalViews > 0) {
    const listed = countries.map((r) => ({ bucket: String(r.country), views: count(r.views) ?? 0 }));
    const sum = listed.reduce((s, r) => s + r.views, 0);
    const total = Math.max(totalViews, sum);
    for (const r of listed)
      audience.push({ breakdown: 'country', bucket: r.bucket, count: r.views, share: r.views / total, source: 'views' });
    if (total > sum)
      audience.push({ breakdown: 'country', bucket: null, count: total - sum, share: (total - sum) / total, source: 'views' });
  }
  return { daily, audience, partialFailures };
}
