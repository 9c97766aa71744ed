import fs from 'node:fs';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { orgPosts, posts, postSnapshots } from '@/db/schema';
import { importFile } from '@/lib/imports/import-file';
import { createOrg } from '../factories';
import { systemCtx } from '@/lib/context';

const system = systemCtx('test');
const YOUTUBE = 'db/seed/data/youtube-trending-us-2017-09.csv';
const mapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));

// On a Postgres server these imports run at once on separate connections (on PGlite they take
// turns on its one connection): each must complete, and nothing may be doubled.
describe('imports of the same posts at the same time', () => {
  it('into two organizations and twice into one: every job completes, nothing is doubled', async () => {
    const [a, b] = await Promise.all([createOrg(), createOrg()]);
    const run = (slug: string) => importFile({ ctx: system, input: { orgSlug: slug, filePath: YOUTUBE, mapping } });
    const results = await Promise.all([run(a.org.slug), run(b.org.slug), run(a.org.slug)]);
    for (const r of results) expect(r).toMatchObject({ status: 'completed', failureReason: null, duplicates: 5 });
    // Between them, the two jobs of organization A stored each snapshot once.
    expect(results[0].imported + results[2].imported).toBe(5787);
    expect(results[1].imported).toBe(5787);
    const db = await getDb();
    for (const org of [a, b]) {
      const [snapshots] = await db.select({ n: count() }).from(postSnapshots).where(eq(postSnapshots.ownerOrgId, org.org.id));
      const [views] = await db.select({ n: count() }).from(orgPosts).where(eq(orgPosts.orgId, org.org.id));
      expect(snapshots.n).toBe(5787);
      expect(views.n).toBe(1800);
    }
    const [shared] = await db
      .select({ n: count() })
      .from(posts)
      .where(and(eq(posts.platform, 'youtube'), eq(posts.platformPostId, 'XpVt6Z1Gjjo')));
    expect(shared.n).toBe(1);
  });
});
