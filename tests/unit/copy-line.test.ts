import { describe, expect, it } from 'vitest';
import { copyLine } from '@/db/copy';

describe('copyLine (COPY text format)', () => {
  it('writes null as \\N, dates as ISO 8601 UTC and numbers and booleans as text, tab-separated', () => {
    expect(copyLine([null, undefined, 12, -3.5, true, false, new Date(Date.UTC(2025, 0, 2, 3, 4, 5))])).toBe(
      '\\N\t\\N\t12\t-3.5\ttrue\tfalse\t2025-01-02T03:04:05.000Z\n',
    );
  });

  it('escapes backslash, tab, newline and carriage return in text, so a title cannot split a row or a column', () => {
    expect(copyLine(['a\\b', 'tab\there', 'two\nlines', 'cr\rhere', '\\N'])).toBe('a\\\\b\ttab\\there\ttwo\\nlines\tcr\\rhere\t\\\\N\n');
  });

  it('keeps other text as it is, quotes and non-Latin letters included', () => {
    expect(copyLine(['"Größe", 12,5 €', 'ミュージック'])).toBe('"Größe", 12,5 €\tミュージック\n');
  });
});
