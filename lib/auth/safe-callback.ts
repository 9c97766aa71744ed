/**
 * Where to go after sign-in: `value` resolved against the app's own `origin` with the URL parser
 * browsers use, accepted only when it stays on that origin (so `/\evil.example`, `/%09/evil.example`
 * and `//evil.example`, which browsers read as other hosts, are refused).
 * @returns the same-origin path with its query and fragment, else `/home`.
 */
export function safeCallback(value: string | null | undefined, origin: string): string {
  if (!value) return '/home';
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/home';
  }
  if (url.origin !== new URL(origin).origin) return '/home';
  return `${url.pathname}${url.search}${url.hash}`;
}
