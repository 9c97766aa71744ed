import { describe, expect, it } from 'vitest';
import { sliceOf } from '@/components/ui/pager';

const rows = Array.from({ length: 222 }, (_, i) => i + 1);

describe('sliceOf', () => {
  it('gives the requested page with 1-based row numbers', () => {
    const s = sliceOf(rows, '2', 50);
    expect({ ...s, rows: [s.rows[0], s.rows.at(-1), s.rows.length] }).toEqual({
      rows: [51, 100, 50],
      page: 2,
      pageCount: 5,
      from: 51,
      to: 100,
      total: 222,
    });
  });

  it('ends on a short last page; past the end is the last page; junk is page 1', () => {
    expect(sliceOf(rows, '5', 50)).toMatchObject({ page: 5, from: 201, to: 222 });
    expect(sliceOf(rows, '99', 50)).toMatchObject({ page: 5, from: 201, to: 222 });
    expect(sliceOf(rows, 'abc', 50)).toMatchObject({ page: 1, from: 1, to: 50 });
    expect(sliceOf(rows, '-3', 50)).toMatchObject({ page: 1, from: 1, to: 50 });
    expect(sliceOf(rows, undefined, 50)).toMatchObject({ page: 1, from: 1, to: 50 });
  });

  it('an empty list is one empty page', () => {
    expect(sliceOf([], '3', 50)).toEqual({ rows: [], page: 1, pageCount: 1, from: 0, to: 0, total: 0 });
  });
});
