/** Next's `searchParams` values flattened to the first value of each key, empty ones dropped. */
export function flatSearch(search: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(search)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== '') out[k] = value;
  }
  return out;
}

/** `path?query` with `changes` applied (an undefined value removes the key). */
export function withParams(path: string, current: Record<string, string>, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...current, ...changes })) if (v !== undefined && v !== '') next.set(k, v);
  const q = next.toString();
  return q ? `${path}?${q}` : path;
}
