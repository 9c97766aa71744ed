import fs from 'node:fs';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rowsOf } from '@/db/sql';
import { organizations, orgPosts, postMetrics, posts, postSnapshots } from '@/db/schema';
import { importFile } from '@/lib/imports/import-file';
import { deleteOrganization } from '@/lib/orgs/delete-organization';
import { createOrg } from '../factories';
import { systemCtx } from '@/lib/context';

const system = systemCtx('test');
const YOUTUBE = 'db/seed/data/youtube-trending-us-2017-09.csv';
const mapping = JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8'));

async function snapshotsOf(orgId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(postSnapshots).where(eq(postSnapshots.ownerOrgId, orgId));
  return row.n;
}

// Snapshots carry no foreign keys (docs/decision-snapshot-keys.md): what the keys did, the
// trigger on posts and the organization's deletion do.
describe('snapshots without foreign keys', () => {
  it('deleting posts deletes their snapshots and rollups for every owner, and nothing else', async () => {
    const [a, b] = await Promise.all([createOrg(), createOrg()]);
    for (const org of [a, b]) await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: YOUTUBE, mapping } });
    expect(await snapshotsOf(a.org.id)).toBe(5787);
    const db = await getDb();
    // One channel's posts, as organization A's file names them.
    const [known] = await db
      .select({ accountId: orgPosts.socialAccountId })
      .from(orgPosts)
      .where(and(eq(orgPosts.orgId, a.org.id), eq(orgPosts.platformPostId, 'XpVt6Z1Gjjo')));
    const ids = (
      await db
        .select({ id: orgPosts.postId })
        .from(orgPosts)
        .where(and(eq(orgPosts.orgId, a.org.id), eq(orgPosts.socialAccountId, known.accountId)))
    ).map((p) => p.id);
    const ofChannel = async (orgId: string) => {
      const [row] = await db
        .select({ n: count() })
        .from(postSnapshots)
        .where(and(eq(postSnapshots.ownerOrgId, orgId), inArray(postSnapshots.postId, ids)));
      return row.n;
    };
    const [ofA, ofB] = [await ofChannel(a.org.id), await ofChannel(b.org.id)];
    expect(ofA).toBeGreaterThan(0);
    expect(ofB).toBe(ofA);

    await db.delete(posts).where(inArray(posts.id, ids));

    // No owner keeps a snapshot of the deleted posts; each organization lost exactly those.
    const [left] = await db.select({ n: count() }).from(postSnapshots).where(inArray(postSnapshots.postId, ids));
    expect(left.n).toBe(0);
    // Their rollups went with them (post_metrics has no foreign key either).
    const [rollups] = await db.select({ n: count() }).from(postMetrics).where(inArray(postMetrics.postId, ids));
    expect(rollups.n).toBe(0);
    expect(await snapshotsOf(a.org.id)).toBe(5787 - ofA);
    expect(await snapshotsOf(b.org.id)).toBe(5787 - ofB);
  });

  it("deleting an organization deletes its snapshots and leaves another organization's", async () => {
    const [a, b] = await Promise.all([createOrg(), createOrg()]);
    for (const org of [a, b]) await importFile({ ctx: system, input: { orgSlug: org.org.slug, filePath: YOUTUBE, mapping } });
    const db = await getDb();
    await db.transaction((tx) => deleteOrganization(tx, a.org.id));
    expect(await snapshotsOf(a.org.id)).toBe(0);
    expect(await snapshotsOf(b.org.id)).toBe(5787);
    const [gone] = await db.select({ n: count() }).from(organizations).where(eq(organizations.id, a.org.id));
    expect(gone.n).toBe(0);
    const [rollups] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from post_metrics where owner_org_id = ${a.org.id}::uuid`),
    );
    expect(rollups.n).toBe(0);
  });
});
