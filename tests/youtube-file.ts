import fs from 'node:fs';
import Papa from 'papaparse';
import { systemCtx } from '@/lib/context';

/** The real YouTube trending export the demo and the tests import. */
export const YOUTUBE = 'db/seed/data/youtube-trending-us-2017-09.csv';

export type Video = {
  id: string;
  channel: string;
  title: string;
  tags: string[];
  day: string;
  views: number;
  likes: number;
  comments: number;
};

/**
 * The YouTube file read here independently of the importer: well-formed rows (11 cells), the
 * first of repeated (video, day) rows, "DD.MM" read as a 2017 UTC day.
 */
export function youtubeRows(): Video[] {
  const lines = fs.readFileSync(YOUTUBE, 'utf8').split('\n').slice(1);
  const seen = new Set<string>();
  const out: Video[] = [];
  for (const line of lines) {
    if (!line) continue;
    const c = Papa.parse<string[]>(line, { delimiter: ',' }).data[0];
    if (c.length !== 11) continue;
    const [dd, mm] = c[10].split('.');
    const day = `2017-${mm}-${dd}`;
    if (seen.has(`${c[0]}|${day}`)) continue;
    seen.add(`${c[0]}|${day}`);
    out.push({
      id: c[0],
      channel: c[2].trim().toLowerCase(),
      title: c[1],
      tags: c[4].split('|'),
      day,
      views: Number(c[5]),
      likes: Number(c[6]),
      comments: Number(c[8]),
    });
  }
  return out;
}

/** Per video: the values of its latest day and its first day. */
export function latestPerVideo(rows: Video[]) {
  const byVideo = new Map<string, Video & { firstDay: string }>();
  for (const r of rows) {
    const prev = byVideo.get(r.id);
    if (!prev) byVideo.set(r.id, { ...r, firstDay: r.day });
    else byVideo.set(r.id, { ...(r.day >= prev.day ? r : prev), firstDay: r.day < prev.firstDay ? r.day : prev.firstDay });
  }
  return [...byVideo.values()];
}

/** Imports the YouTube export into an organization as a trusted operator, with the demo's mapping. */
export async function importYoutube(orgSlug: string) {
  const { importFile } = await import('@/lib/imports/import-file');
  return importFile({
    ctx: systemCtx('test'),
    input: { orgSlug, filePath: YOUTUBE, mapping: JSON.parse(fs.readFileSync('db/seed/mappings/youtube-trending-us-2017.json', 'utf8')) },
  });
}
