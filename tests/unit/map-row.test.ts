import { describe, expect, it } from 'vitest';
import { compileMapping } from '@/lib/imports/map-row';
import { applySettings } from '@/lib/imports/adapt-mapping';
import { detectLayout, layoutMapping } from '@/lib/imports/layouts';
import { mappingSchema } from '@/lib/imports/mapping';

const headers = ['id', 'channel', 'day', 'views'];

describe('mapping a row', () => {
  it('reads date columns in the stated format and date constants as ISO 8601', () => {
    const mapping = mappingSchema.parse({
      kind: 'post',
      columns: { platformPostId: 'id', accountHandle: 'channel', capturedAt: 'day', views: 'views' },
      constants: { platform: 'youtube', publishedAt: '2017-09-01' },
      options: { dateFormat: 'dd.MM', year: 2017 },
    });
    const row = compileMapping(mapping, headers)(2, ['dQw4w9WgXcQ', '@Some Channel', '21.09', '3.3k']);
    expect(row).toMatchObject({
      ok: true,
      record: {
        platformPostId: 'dQw4w9WgXcQ',
        accountHandle: 'some channel',
        capturedAt: new Date('2017-09-21T00:00:00Z'),
        publishedAt: new Date('2017-09-01T00:00:00Z'),
        views: 3300,
        likes: null,
      },
    });
  });

  it('names the line, column and reason of a bad cell, and of a missing required value', () => {
    const mapping = mappingSchema.parse({
      kind: 'post',
      columns: { platformPostId: 'id', accountHandle: 'channel', capturedAt: 'day', views: 'views' },
      constants: { platform: 'youtube' },
      options: { dateFormat: 'dd.MM', year: 2017 },
    });
    const map = compileMapping(mapping, headers);
    expect(map(7, ['dQw4w9WgXcQ', 'x', '21.09', 'lots'])).toEqual({
      ok: false,
      error: { line: 7, column: 'views', reason: '"lots" is not a number' },
    });
    expect(map(8, ['', 'x', '21.09', '1'])).toEqual({
      ok: false,
      error: { line: 8, column: 'id', reason: 'missing required field platformPostId' },
    });
    expect(map(9, ['dQw4w9WgXcQ', 'x'])).toEqual({
      ok: false,
      error: { line: 9, column: null, reason: 'wrong number of fields: expected 4, found 2' },
    });
  });

  const studio = mappingSchema.parse({
    kind: 'post',
    columns: { platformPostId: 'Content', title: 'Video title', publishedAt: 'Video publish time', views: 'Views' },
    constants: { platform: 'youtube', accountHandle: 'artbyalison', capturedAt: '2025-08-01' },
    options: { dateFormat: 'MMM d, yyyy' },
  });
  const studioHeaders = ['Content', 'Video title', 'Video publish time', 'Views'];

  it('skips summary rows and says so, with or without a label', () => {
    const map = compileMapping(studio, studioHeaders);
    expect(map(2, ['Total', '', '', '46333'])).toEqual({
      ok: false,
      summary: true,
      error: { line: 2, column: 'Content', reason: 'summary row skipped ("Total" with the file\'s totals)' },
    });
    for (const label of ['TOTALS', 'Grand total', 'average', 'Sum']) expect(map(3, [label, '', '', '1'])).toMatchObject({ summary: true });
    expect(map(4, ['', '', '', '46333'])).toEqual({
      ok: false,
      summary: true,
      error: { line: 4, column: 'Content', reason: 'summary row skipped (no id, with totals)' },
    });
    // A data row that lost its id is an error, not a summary.
    expect(map(5, ['', 'A video', 'Mar 15, 2025', '12'])).toEqual({
      ok: false,
      error: { line: 5, column: 'Content', reason: 'missing required field platformPostId' },
    });
  });

  it("checks post ids against the platform's form, reads them from URLs, and never takes a spreadsheet error as an id", () => {
    const map = compileMapping(studio, studioHeaders);
    expect(map(2, [' -JTnUJTN2aI', 'Harry', 'Jan 24, 2025', '704'])).toMatchObject({ ok: true, record: { platformPostId: '-JTnUJTN2aI' } });
    expect(map(3, ['https://youtu.be/F3HVs95pagk', 'x', 'Mar 15, 2025', '1'])).toMatchObject({
      ok: true,
      record: { platformPostId: 'F3HVs95pagk' },
    });
    expect(map(4, ['#NAME?', 'x', 'Mar 15, 2025', '1'])).toEqual({
      ok: false,
      error: { line: 4, column: 'Content', reason: '"#NAME?" is a spreadsheet error value: the cell held a formula that failed, not data' },
    });
    expect(map(5, ['abc', 'x', 'Mar 15, 2025', '1'])).toEqual({
      ok: false,
      error: {
        line: 5,
        column: 'Content',
        reason: '"abc" is not a youtube post id: expected an 11-character video id such as dQw4w9WgXcQ, or the video URL',
      },
    });
    expect(map(6, ['https://www.instagram.com/p/C3xY9abQ1Zk/', 'x', 'Mar 15, 2025', '1'])).toEqual({
      ok: false,
      error: { line: 6, column: 'Content', reason: '"https://www.instagram.com/p/C3xY9abQ1Zk/" is not the URL of a youtube post' },
    });
    const tiktok = compileMapping(
      mappingSchema.parse({ ...studio, constants: { ...studio.constants, platform: 'tiktok' } }),
      studioHeaders,
    );
    expect(tiktok(2, ['https://www.tiktok.com/@someone/video/7301234567890123456', 'x', 'Mar 15, 2025', '1'])).toMatchObject({
      ok: true,
      record: { platformPostId: '7301234567890123456' },
    });
  });

  it('refuses a mapping whose columns the file does not have', () => {
    const mapping = mappingSchema.parse({
      kind: 'post',
      columns: { platformPostId: 'video', accountHandle: 'channel', capturedAt: 'day' },
      constants: { platform: 'youtube' },
    });
    expect(() => compileMapping(mapping, headers)).toThrow('The file has no column "video"; its columns are id, channel, day, views');
  });
});

describe('the Meta Business Suite and TikTok Studio layouts', () => {
  it('read an Instagram content export row: the permalink’s shortcode as the id, "IG reel" as a reel, "12,400" as 12,400', () => {
    const headers =
      'Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves'.split(
        ',',
      );
    const layout = detectLayout(headers)!;
    expect(layout.id).toBe('instagram-insights-content');
    const mapping = mappingSchema.parse(applySettings(layoutMapping(layout, headers), { capturedAt: '2026-10-04' }));
    const row = compileMapping(mapping, headers)(2, [
      '18011234567890123',
      '17841400000000000',
      'changyin',
      'Chang Yin',
      'Chair test',
      '44',
      '10/03/2026 08:31',
      'https://www.instagram.com/reel/DAbc123xYz9/',
      'IG reel',
      '',
      'Lifetime',
      '12,400',
      '9100',
      '610',
      '88',
      '41',
      '57',
      '230',
    ]);
    expect(row).toMatchObject({
      ok: true,
      record: {
        platform: 'instagram',
        platformPostId: 'DAbc123xYz9',
        accountHandle: 'changyin',
        mediaType: 'reel',
        publishedAt: new Date('2026-10-03T08:31:00Z'),
        views: 12_400,
        reach: 9_100,
        likes: 610,
        saves: 230,
      },
    });
  });

  it('read a TikTok Studio row: the numeric id from the video link, favourites as saves', () => {
    const headers =
      'Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views,Total play time,Average watch time,Watched full video,Add to favorites'.split(
        ',',
      );
    const layout = detectLayout(headers)!;
    expect(layout.id).toBe('tiktok-analytics-content');
    const mapping = mappingSchema.parse(
      applySettings(layoutMapping(layout, headers), { accountHandle: 'changyin', capturedAt: '2026-10-04' }),
    );
    const row = compileMapping(mapping, headers)(2, [
      'Chair test',
      'https://www.tiktok.com/@changyin/video/7400000000000000001',
      '2026-10-03 09:10',
      '300',
      '22',
      '15',
      '5000',
      '',
      '12.5',
      '0.31',
      '40',
    ]);
    expect(row).toMatchObject({
      ok: true,
      record: { platformPostId: '7400000000000000001', publishedAt: new Date('2026-10-03T09:10:00Z'), views: 5_000, saves: 40 },
    });
  });
});
