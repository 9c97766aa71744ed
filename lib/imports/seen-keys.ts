import { ownText } from './own-text';

/** Past this many capture times of one post or account, its times move from an array to a Set. */
const ARRAY_LIMIT = 32;

/**
 * The natural keys (post or account, capture time) already met in one import, to report a row
 * that repeats an earlier row of the file. Exact, and compact: one entry per distinct post or
 * account, holding its capture times — a single number until a second one arrives, then an array
 * of unboxed numbers of the exact length (searched in full: a post has a handful of captures), then
 * a Set past {@link ARRAY_LIMIT}. For 100,000 posts of 10 captures: 19.5 MB (tests/unit/import-memory),
 * against 27 MB with arrays grown by `push` and 56 MB with a Set per post.
 */
export class SeenKeys {
  private readonly byEntity = new Map<string, number | number[] | Set<number>>();

  /** Records the key; returns false when it was already recorded (a duplicate row). */
  add(entity: string, capturedAt: number): boolean {
    const times = this.byEntity.get(entity);
    if (times === undefined) {
      // Kept for the whole import: a copy, not a slice of the file's text (see ownText).
      this.byEntity.set(ownText(entity), capturedAt);
      return true;
    }
    if (typeof times === 'number') {
      if (times === capturedAt) return false;
      this.byEntity.set(entity, [times, capturedAt]);
      return true;
    }
    if (Array.isArray(times)) {
      if (times.includes(capturedAt)) return false;
      // A new array of the exact length: `push` would grow its store by half plus 16 slots (a post's
      // ten captures held 19), and these arrays live for the whole import.
      if (times.length < ARRAY_LIMIT) this.byEntity.set(entity, times.concat(capturedAt));
      else this.byEntity.set(entity, new Set(times).add(capturedAt));
      return true;
    }
    if (times.has(capturedAt)) return false;
    times.add(capturedAt);
    return true;
  }

  /** Forgets every key (the file is read: its memory goes back before the job's last steps). */
  clear(): void {
    this.byEntity.clear();
  }
}
