import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rowsOf } from '@/db/sql';
import { collaborations } from '@/db/schema';
import { getCohorts } from '@/lib/cohorts/get-cohorts';
import { createCampaign, createOrg, ctxOf } from '../factories';
import { importYoutube, youtubeRows } from '../youtube-file';

type Org = Awaited<ReturnType<typeof createOrg>>;
let brand: Org;
let other: Org;
const rows = youtubeRows();
const DAY = 86_400_000;

/** The weekly cohort table of views by day 0…6, computed from the file alone. */
function expectedCohorts(channel?: string) {
  const byVideo = new Map<string, { day: string; views: number }[]>();
  for (const r of rows)
    if (!channel || r.channel === channel) byVideo.set(r.id, [...(byVideo.get(r.id) ?? []), { day: r.day, views: r.views }]);
  const cohorts = new Map<string, number[][]>(); // week → per day, the values
  let excluded = 0;
  for (const captures of byVideo.values()) {
    if (captures.length < 2) {
      excluded++;
      continue;
    }
    captures.sort((a, b) => (a.day < b.day ? -1 : 1));
    const first = Date.parse(`${captures[0].day}T00:00:00Z`);
    const points = captures.map((c) => ({ n: (Date.parse(`${c.day}T00:00:00Z`) - first) / DAY, views: c.views }));
    const weekday = (new Date(first).getUTCDay() + 6) % 7;
    const week = new Date(first - weekday * DAY).toISOString().slice(0, 10);
    const cells = cohorts.get(week) ?? Array.from({ length: 7 }, () => []);
    for (let n = 0; n <= 6; n++) {
      if (!points.some((p) => p.n >= n)) continue;
      cells[n].push(points.filter((p) => p.n <= n).at(-1)!.views);
    }
    cohorts.set(week, cells);
  }
  return {
    excluded,
    cohorts: [...cohorts]
      .sort((a, b) => (a[0] < b[0] ? 1 : -1))
      .map(([key, cells]) => ({
        key,
        cells: cells.map((vs, day) => ({ day, posts: vs.length, mean: vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null })),
      })),
  };
}

beforeAll(async () => {
  [brand, other] = await Promise.all([createOrg(), createOrg()]);
  await importYoutube(brand.org.slug);
}, 120_000);

describe('cohorts', () => {
  it("equals the weekly content cohorts computed from the YouTube file's daily captures", async () => {
    const r = await getCohorts({
      ctx: ctxOf(brand.viewer),
      input: { orgSlug: brand.org.slug, query: { by: 'week', metric: 'views', days: '6' } },
    });
    const expected = expectedCohorts();
    expect(r.scope).toEqual({ kind: 'organization', name: brand.org.name });
    // The file's four weeks and a half: five weekly cohorts.
    expect(expected.cohorts).toHaveLength(5);
    expect(r.content.excluded).toBe(expected.excluded);
    expect(r.content.cohorts.map((c) => c.key)).toEqual(expected.cohorts.map((c) => c.key));
    for (const [i, c] of r.content.cohorts.entries())
      for (const [d, cell] of c.cells.entries()) {
        const want = expected.cohorts[i].cells[d];
        expect(cell.posts).toBe(want.posts);
        if (want.mean === null) expect(cell.mean).toBeNull();
        else expect(cell.mean).toBeCloseTo(want.mean, 6);
      }
    // Trending videos are captured for at most 7 days: nobody is seen on day 7.
    expect(r.content.cohorts[0].cells).toHaveLength(7);
  });

  it("narrows to one influencer's posts, and refuses what is not the organization's", async () => {
    const channel = 'vox';
    const all = await getCohorts({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query: {} } });
    expect(all.query).toMatchObject({ by: 'week', metric: 'views', days: 14 });
    const db = await getDb();
    const [{ id }] = rowsOf<{ id: string }>(
      await db.execute(sql`select sa.influencer_id as id from social_accounts sa where sa.platform = 'youtube' and sa.handle = 'vox'`),
    );
    const r = await getCohorts({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query: { influencer: id, days: '6' } } });
    const expected = expectedCohorts(channel);
    expect(r.scope.kind).toBe('influencer');
    expect(r.content.cohorts.map((c) => [c.key, c.cells.map((x) => x.posts)])).toEqual(
      expected.cohorts.map((c) => [c.key, c.cells.map((x) => x.posts)]),
    );
    await expect(getCohorts({ ctx: ctxOf(other.owner), input: { orgSlug: brand.org.slug, query: {} } })).rejects.toThrow(/not found/);
    await expect(getCohorts({ ctx: ctxOf(other.owner), input: { orgSlug: other.org.slug, query: { influencer: id } } })).rejects.toThrow(
      /Influencer not found/,
    );
    await expect(getCohorts({ ctx: ctxOf(brand.owner), input: { orgSlug: brand.org.slug, query: { days: '90' } } })).rejects.toThrow(
      'days: At most 30 days',
    );
  });

  it('counts creators who worked with the brand again, by the month of their first collaboration', async () => {
    const db = await getDb();
    const [c1, c2] = await Promise.all([
      createCampaign({ orgId: brand.org.id, name: 'Spring', currency: 'USD' }),
      createCampaign({ orgId: brand.org.id, name: 'Summer', currency: 'USD' }),
    ]);
    const all = await getCohorts({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query: {} } });
    expect(all.creators).toEqual([]);
    const ids = rowsOf<{ id: string }>(
      await db.execute(
        sql`select influencer_id as id from org_influencers where org_id = ${brand.org.id}::uuid order by influencer_id limit 2`,
      ),
    );
    await db.insert(collaborations).values([
      { campaignId: c1.id, influencerId: ids[0].id, agreedFeeMinor: 1, currency: 'USD', createdAt: new Date('2025-01-05T00:00:00Z') },
      { campaignId: c2.id, influencerId: ids[0].id, agreedFeeMinor: 1, currency: 'USD', createdAt: new Date('2025-05-05T00:00:00Z') },
      { campaignId: c1.id, influencerId: ids[1].id, agreedFeeMinor: 1, currency: 'USD', createdAt: new Date('2025-01-20T00:00:00Z') },
    ]);
    const r = await getCohorts({ ctx: ctxOf(brand.viewer), input: { orgSlug: brand.org.slug, query: {} } });
    expect(r.creators).toEqual([
      {
        month: '2025-01',
        creators: 2,
        again: {
          3: { judged: 2, again: 0, share: 0 },
          6: { judged: 2, again: 1, share: 0.5 },
          12: { judged: 2, again: 1, share: 0.5 },
        },
      },
    ]);
  });
});
