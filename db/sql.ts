/** Rows of a `db.execute` result, whichever driver ran it (PGlite returns `{ rows }`, postgres.js an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * A Postgres array literal ("{a,"b c",NULL}") to pass as ONE parameter and cast in SQL
 * (`${pgArray(ids)}::uuid[]`): the parameter count stays fixed whatever the batch size.
 */
export function pgArray(values: readonly (string | number | boolean | Date | null | undefined)[]): string {
  return `{${values
    .map((v) => {
      if (v === null || v === undefined) return 'NULL';
      const s = v instanceof Date ? v.toISOString() : String(v);
      return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    })
    .join(',')}}`;
}
