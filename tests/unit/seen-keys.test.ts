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
});
