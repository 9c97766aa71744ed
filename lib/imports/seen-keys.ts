import { ownText } from './own-text';

/**
 * The natural keys (post or account, capture time) already met in one import, to report a row
 * that repeats an earlier row of the file. Exact, and compact: one entry per distinct post or
 * account, holding its capture times (a single number until a second one arrives).
 */
export class SeenKeys {
  private readonly byEntity = new Map<string, number | Set<number>>();

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
      this.byEntity.set(entity, new Set([times, capturedAt]));
      return true;
    }
    if (times.has(capturedAt)) return false;
    times.add(capturedAt);
    return true;
  }
}
