/**
 * Intl formatters built once per distinct options and reused: building an `Intl.NumberFormat` or
 * `DateTimeFormat` costs far more than formatting with one (it was a quarter of the render time of
 * pages with long tables). Keyed by the options' JSON; the option sets in use are a handful.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function cached<F, O>(cache: Map<string, F>, options: O, make: (options: O) => F): F {
  const key = JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make(options)));
  return f;
}

/** An en-US number formatter with `options`, built once. */
export function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, options, (o) => new Intl.NumberFormat('en-US', o));
}

/** An en-US date-time formatter with `options`, built once. */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormats, options, (o) => new Intl.DateTimeFormat('en-US', o));
}

/** An en-US relative-time formatter with `options`, built once. */
export function relativeTimeFormat(options: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat {
  return cached(relativeFormats, options, (o) => new Intl.RelativeTimeFormat('en-US', o));
}
