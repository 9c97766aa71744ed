/** Rows of a `db.execute` result, whichever driver ran it (PGlite returns `{ rows }`, postgres.js an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** ISO strings by epoch milliseconds: imports write the same few hundred dates millions of times. */
const isoOf = new Map<number, string>();

/** A date as ISO 8601 UTC, from a bounded cache (imports format the same few hundred dates millions of times). */
export function isoString(date: Date): string {
  const time = date.getTime();
  let s = isoOf.get(time);
  if (s === undefined) {
    s = date.toISOString();
    if (isoOf.size >= 100_000) isoOf.clear();
    isoOf.set(time, s);
  }
  return s;
}

/**
 * A Postgres array literal ("{a,"b c",NULL}") to pass as ONE parameter and cast in SQL
 * (`${pgArray(ids)}::uuid[]`): the parameter count stays fixed whatever the batch size.
 */
export function pgArray(values: readonly (string | number | boolean | Date | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number' || typeof v === 'boolean') out += String(v);
    else {
      const s = v instanceof Date ? isoString(v) : v;
      out += s.includes('"') || s.includes('\\') ? `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${s}"`;
    }
  }
  return out + '}';
}
