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
