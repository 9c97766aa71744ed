import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { postMetrics, posts, postSnapshots } from '@/db/schema';
import { importFile } from '@/lib/imports/import-file';
import { createOrg } from '../factories';
import { systemCtx } from '@/lib/context';

const system = systemCtx('test');
const mapping = {
  kind: 'post',
  columns: { platformPostId: 'post_id', accountHandle: 'channel', capturedAt: 'captured_at', views: 'views', likes: 'likes' },
  constants: { platform: 'instagram' },
  options: { dateFormat: 'iso' },
};

// An import copies a batch's snapshots straight into the table while their keys are new, and falls
// back to the upsert — without keeping anything of the attempt — at the first stored key, even in
// the middle of a batch.
describe('an import whose rows are partly stored already', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-modes-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores the new rows, updates the changed ones, leaves the same ones, and doubles nothing', async () => {
    const { org } = await createOrg();
    const prefix = randomBytes(4).toString('hex').slice(0, 6);
    const id = (n: number) => `${prefix}post${n}`;
    const write = (name: string, lines: string[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, ['post_id,channel,captured_at,views,likes', ...lines].join('\n') + '\n');
      return file;
    };
    const first = write('first.csv', [
      `${id(1)},modes_${prefix},2025-03-01,100,10`,
      `${id(1)},modes_${prefix},2025-03-02,150,12`,
      `${id(2)},modes_${prefix},2025-03-01,200,20`,
    ]);
    const run = (file: string) => importFile({ ctx: system, input: { orgSlug: org.slug, filePath: file, mapping: mapping as never } });
    expect(await run(first)).toMatchObject({ status: 'completed', imported: 3, updated: 0, unchanged: 0 });

    // New rows first, so the straight copy has written some before it meets a stored key.
    const second = write('second.csv', [
      `${id(3)},modes_${prefix},2025-03-01,300,30`,
      `${id(2)},modes_${prefix},2025-03-02,260,26`,
      `${id(1)},modes_${prefix},2025-03-02,180,15`,
      `${id(1)},modes_${prefix},2025-03-01,100,10`,
    ]);
    expect(await run(second)).toMatchObject({ status: 'completed', imported: 2, updated: 1, unchanged: 1, errors: [] });

    const db = await getDb();
    const stored = await db
      .select({ post: posts.platformPostId, capturedAt: postSnapshots.capturedAt, views: postSnapshots.views, likes: postSnapshots.likes })
      .from(postSnapshots)
      .innerJoin(posts, eq(posts.id, postSnapshots.postId))
      .where(eq(postSnapshots.ownerOrgId, org.id))
      .orderBy(asc(posts.platformPostId), asc(postSnapshots.capturedAt));
    const day = (d: number) => new Date(Date.UTC(2025, 2, d));
    expect(stored).toEqual([
      { post: id(1), capturedAt: day(1), views: 100, likes: 10 },
      { post: id(1), capturedAt: day(2), views: 180, likes: 15 },
      { post: id(2), capturedAt: day(1), views: 200, likes: 20 },
      { post: id(2), capturedAt: day(2), views: 260, likes: 26 },
      { post: id(3), capturedAt: day(1), views: 300, likes: 30 },
    ]);
    const latest = await db
      .select({
        post: posts.platformPostId,
        capturedAt: postMetrics.capturedAt,
        views: postMetrics.views,
        engagements: postMetrics.engagements,
      })
      .from(postMetrics)
      .innerJoin(posts, eq(posts.id, postMetrics.postId))
      .where(and(eq(postMetrics.ownerOrgId, org.id)))
      .orderBy(asc(posts.platformPostId));
    expect(latest).toEqual([
      { post: id(1), capturedAt: day(2), views: 180, engagements: 15 },
      { post: id(2), capturedAt: day(2), views: 260, engagements: 26 },
      { post: id(3), capturedAt: day(1), views: 300, engagements: 30 },
    ]);
  });
});
