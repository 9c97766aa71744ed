import { describe, expect, it } from 'vitest';
import { SeenKeys } from '@/lib/imports/seen-keys';

describe('keys met in one import', () => {
  it('reports a repeat of the same post and capture time, exactly', () => {
    const seen = new SeenKeys();
    expect(seen.add('youtube|a', 1)).toBe(true);
    expect(seen.add('youtube|a', 2)).toBe(true);
    expect(seen.add('youtube|a', 3)).toBe(true);
    expect(seen.add('youtube|b', 1)).toBe(true);
    expect(seen.add('youtube|a', 1)).toBe(false);
    expect(seen.add('youtube|a', 3)).toBe(false);
    expect(seen.add('youtube|b', 1)).toBe(false);
    expect(seen.add('instagram|a', 1)).toBe(true);
  });

  it('stays exact for an account captured on 400 days, before and after its times outgrow an array', () => {
    const seen = new SeenKeys();
    const day = (n: number) => Date.UTC(2025, 0, 1) + n * 86_400_000;
    for (let n = 0; n < 400; n++) {
      expect(seen.add('instagram|@daily', day(n))).toBe(true);
      // Every earlier capture is still known: the first, the one just added, and one in between.
      expect(seen.add('instagram|@daily', day(0))).toBe(false);
      expect(seen.add('instagram|@daily', day(n))).toBe(false);
      expect(seen.add('instagram|@daily', day(Math.floor(n / 2)))).toBe(false);
    }
    expect(seen.add('instagram|@daily', day(400))).toBe(true);
    expect(seen.add('instagram|@other', day(0))).toBe(true);
  });
});
