import { describe, expect, it } from 'vitest';
import { compileMapping } from '@/lib/imports/map-row';
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
    const row = compileMapping(mapping, headers)(2, ['abc', '@Some Channel', '21.09', '3.3k']);
    expect(row).toMatchObject({
      ok: true,
      record: {
        platformPostId: 'abc',
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
    expect(map(7, ['abc', 'x', '21.09', 'lots'])).toEqual({
      ok: false,
      error: { line: 7, column: 'views', reason: '"lots" is not a number' },
    });
    expect(map(8, ['', 'x', '21.09', '1'])).toEqual({
      ok: false,
      error: { line: 8, column: 'id', reason: 'missing required field platformPostId' },
    });
    expect(map(9, ['abc', 'x'])).toEqual({
      ok: false,
      error: { line: 9, column: null, reason: 'wrong number of fields: expected 4, found 2' },
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
