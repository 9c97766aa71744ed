import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { compileMapping } from '@/lib/imports/map-row';
import { mappingSchema } from '@/lib/imports/mapping';
import { ownText } from '@/lib/imports/own-text';
import { readCsvChunks } from '@/lib/imports/read-csv';
import { SeenKeys } from '@/lib/imports/seen-keys';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap in use after full collections, in MB. */
function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-import-memory-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A TikTok content export (at 11,000 rows ~22 MB, about 22 of the reader's 1 MB chunks): 19-digit
 * video ids, ISO publish times, a 2,000-character caption, videos of 250 daily rows each, so every
 * chunk of the file brings two videos and publish times the import has not met yet.
 */
function tiktokFile(name: string, rows: number, year: number): string {
  const file = path.join(dir, name);
  const lines = ['video_id,creator,published_at,captured_at,views,caption'];
  const caption = `"${'A long caption, with commas. '.repeat(70).slice(0, 2_000)}"`;
  for (let row = 0; row < rows; row++) {
    const video = Math.floor(row / 250);
    const published = new Date(Date.UTC(year, 0, 1) + video * 86_400_000 + 3_600_000).toISOString();
    const captured = new Date(Date.UTC(year, 0, 1) + (row % 250) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${7301234567890000000n + BigInt(video)},@a_creator_with_a_long_name,${published},${captured},${row},${caption}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('what an import keeps while it reads a file', () => {
  it('keeps copies of the keys it remembers, not the file: 44 videos of a 22 MB file hold under 3 MB', async () => {
    const mapping = mappingSchema.parse({
      kind: 'post',
      columns: {
        platformPostId: 'video_id',
        accountHandle: 'creator',
        publishedAt: 'published_at',
        capturedAt: 'captured_at',
        views: 'views',
      },
      constants: { platform: 'tiktok' },
      options: { dateFormat: 'iso' },
    });
    /** What run-import keeps for the whole job: the distinct keys met (and, module-wide, the dates parsed). */
    const read = async (file: string) => {
      const seen = new SeenKeys();
      let map: ReturnType<typeof compileMapping> | undefined;
      let rows = 0;
      for await (const chunk of readCsvChunks(file))
        for (const { line, cells } of chunk) {
          if (line === 1) {
            map = compileMapping(mapping, cells);
            continue;
          }
          const mapped = map!(line, cells);
          if (!mapped.ok) throw new Error(`line ${line}: ${mapped.error.reason}`);
          const record = mapped.record as { platform: string; platformPostId: string; capturedAt: Date };
          expect(seen.add(`${record.platform}|${record.platformPostId}`, record.capturedAt.getTime())).toBe(true);
          rows++;
        }
      return { seen, rows };
    };
    // A small file of other dates first, so the code the reading compiles on first use is not counted.
    await read(tiktokFile('warm-up.csv', 1_000, 2024));
    const file = tiktokFile('tiktok.csv', 11_000, 2025);
    const before = heapMb();
    const { seen, rows } = await read(file);
    const kept = heapMb() - before;
    expect(rows).toBe(11_000);
    expect(seen.add('tiktok|7301234567890000043', Date.UTC(2025, 0, 1) + 249 * 86_400_000)).toBe(false);
    // Before keys were copied, each chunk that brought a new video stayed in memory: ~22 MB here.
    expect(kept).toBeLessThan(3);
  });

  it('reads no further ahead than a chunk or two while the import writes: a 22 MB file holds under 5 MB', async () => {
    const file = tiktokFile('ahead.csv', 11_000, 2023);
    const before = heapMb();
    const chunks = readCsvChunks(file);
    const first = await chunks.next();
    expect(first.value![0]).toEqual({ line: 1, cells: ['video_id', 'creator', 'published_at', 'captured_at', 'views', 'caption'] });
    // Slow batch writes: the disk could deliver the whole file meanwhile.
    const slowWrite = () => new Promise((resolve) => setTimeout(resolve, 150));
    await slowWrite();
    const heldAtFirst = heapMb() - before;
    let rows = first.value!.length - 1;
    for (let i = 0; i < 3; i++) {
      const next = await chunks.next();
      rows += next.value!.length;
      await slowWrite();
    }
    const heldLater = heapMb() - before;
    for await (const chunk of chunks) rows += chunk.length;
    expect(rows).toBe(11_000);
    // Before the file stream was paused with the parser, the parser's queue took in the whole file: ~22 MB.
    expect(heldAtFirst).toBeLessThan(5);
    expect(heldLater).toBeLessThan(5);
  });

  it("remembers 100,000 posts' ten capture times each in under 22 MB, and gives it back when cleared", () => {
    const before = heapMb();
    const seen = new SeenKeys();
    const day = (n: number) => Date.UTC(2025, 0, 1) + n * 86_400_000;
    // A file ordered by day: every post's captures arrive one at a time, as the array grows.
    let added = 0;
    for (let d = 0; d < 10; d++)
      for (let p = 0; p < 100_000; p++) if (seen.add(`instagram|p${p.toString(36).padStart(10, '0')}`, day(d))) added++;
    const held = heapMb() - before;
    expect(added).toBe(1_000_000);
    expect(seen.add('instagram|p00000000zz', day(9))).toBe(false);
    expect(seen.add('instagram|p00000000zz', day(10))).toBe(true);
    // Arrays grown by push kept 19 slots for ten times: ~27 MB here (19.5 MB of exact length).
    expect(held).toBeLessThan(22);
    seen.clear();
    expect(heapMb() - before).toBeLessThan(2);
    expect(seen.add('instagram|p00000000zz', day(9))).toBe(true);
  });

  it('a copy equals its source and survives it', () => {
    const chunk = `${'x'.repeat(1024 * 1024)}7301234567890123456,2025-09-21T00:00:00.000Z`;
    const cell = chunk.slice(1024 * 1024, 1024 * 1024 + 19);
    expect(ownText(cell)).toBe('7301234567890123456');
    expect(ownText('tiktok|é✓')).toBe('tiktok|é✓');
    expect(ownText('')).toBe('');
  });
});
