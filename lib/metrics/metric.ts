/**
 * A derived value: `value` null means unknown, with `missing` naming the inputs that were unknown
 * and `reason` saying why in words (e.g. a zero denominator). Never NaN or Infinity.
 */
export type Metric = { value: number | null; missing: string[]; reason?: string };

export function known(value: number, missing: string[] = []): Metric {
  return { value, missing };
}

export function unknown(missing: string[], reason: string): Metric {
  return { value: null, missing, reason };
}

/** numerator / denominator × scale, unknown when either is unknown or the denominator is 0. */
export function ratio(numerator: Metric | number | null, denominator: Metric | number | null, names: [string, string], scale = 1): Metric {
  const n =
    typeof numerator === 'object' && numerator !== null ? numerator : { value: numerator, missing: numerator === null ? [names[0]] : [] };
  const d =
    typeof denominator === 'object' && denominator !== null
      ? denominator
      : { value: denominator, missing: denominator === null ? [names[1]] : [] };
  const missing = [...n.missing, ...d.missing];
  if (n.value === null || d.value === null)
    return unknown(
      missing,
      `${[n.value === null ? names[0] : null, d.value === null ? names[1] : null].filter(Boolean).join(' and ')} unknown`,
    );
  if (d.value === 0) return unknown(missing, `${names[1]} is 0`);
  return known((n.value / d.value) * scale, missing);
}
