import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getRequestCtx } from '../auth/request-context';
import type { Ctx } from '../context';
import { formValues, toFormState, type FormState } from '../forms';

/** A path to revalidate after a success: a page, or a layout and every page under it. */
type Revalidate = string | { layout: string };

/** What a form action does once its verb succeeded. */
type After<T> = {
  /** Paths whose cached pages changed. */
  revalidate?: Revalidate | Revalidate[] | ((result: T) => Revalidate | Revalidate[]);
  /** The success message shown with the form (or the whole state, e.g. values to show back). */
  success?: string | FormState | ((result: T) => string | FormState);
  /** Where to go after a success instead of answering the form (null: answer the form). */
  redirectTo?: (result: T) => string | null;
  /** Send what the user typed back with an error (forms whose fields keep their values). Default true. */
  keepValues?: boolean;
};

/**
 * The one shape of a server action behind a form: reads the request's context (session and
 * client IP), hands the verb the form's values as plain strings (the verb's zod schema parses
 * them: numbers, booleans and dates are coerced there), maps a typed error to form state once —
 * a `ValidationError`'s field errors go to their fields, and what the user typed comes back so the
 * form shows it again — then revalidates and answers or redirects. An unexpected error is logged
 * and shown as a generic message (toFormState).
 * @param formData the submitted form (undefined for a button-only action).
 * @param verb calls the `lib` verb with the request's context and the form's values.
 */
export async function formAction<T>(
  formData: FormData | undefined,
  verb: (ctx: Ctx, values: Record<string, string>) => Promise<T>,
  after: After<T> = {},
): Promise<FormState> {
  const values = formData ? formValues(formData) : {};
  let result: T;
  try {
    result = await verb(await getRequestCtx(), values);
  } catch (error) {
    const state = toFormState(error);
    return after.keepValues === false || !formData ? state : { ...state, values };
  }
  const paths = typeof after.revalidate === 'function' ? after.revalidate(result) : after.revalidate;
  for (const path of paths === undefined ? [] : Array.isArray(paths) ? paths : [paths])
    if (typeof path === 'string') revalidatePath(path);
    else revalidatePath(path.layout, 'layout');
  const target = after.redirectTo?.(result);
  if (target) redirect(target);
  const success = typeof after.success === 'function' ? after.success(result) : after.success;
  return typeof success === 'object' ? success : { ok: true, message: success };
}
