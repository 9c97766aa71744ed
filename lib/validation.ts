import type { z } from 'zod';
import { ValidationError } from './errors';

/**
 * Parses `input` with `schema`.
 * @throws ValidationError whose message names the first bad field and whose fieldErrors list all.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fieldErrors[key] ??= issue.message;
  }
  const [first] = result.error.issues;
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  throw new ValidationError(`${where}${first.message}`, fieldErrors);
}

/** Whether `id` has the shape of a UUID, so a malformed id in a URL is "not found" rather than a database error. */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/**
 * The input of a verb that parses it with zod itself: the keys of `T`, each of any value (form
 * fields arrive as strings). Callers cannot misspell a field; the verb's schema checks the values.
 */
export type Untrusted<T> = { [K in keyof T]?: unknown };
