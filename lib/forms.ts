import { AppError, ValidationError } from './errors';

/** What a server action returns to its form: a message, per-field errors, or success. */
export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /**
   * The submitted values, returned with an error so the form shows them again: React resets a
   * form's uncontrolled fields to their `defaultValue` after its action.
   */
  values?: Record<string, string>;
  /** A value shown once after a success, with a copy button (a new API key). */
  secret?: { label: string; value: string };
};

export const initialFormState: FormState = { ok: false };

/**
 * Maps an error thrown by a `lib` verb to form state. Unknown errors are logged and shown as a
 * generic message (their text may hold internals).
 */
export function toFormState(error: unknown): FormState {
  if (error instanceof ValidationError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { ok: false, message: error.message };
  console.error('[action] unexpected error', error);
  return { ok: false, message: 'Something went wrong on our side. Try again in a moment.' };
}

/** FormData as a plain object of strings (files and repeated keys ignored). */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  return out;
}

/**
 * The message to show above a form: hidden when the same problem is already shown next to the
 * fields it concerns. `shownFields` lists the fields the form renders errors for.
 */
export function formMessage(state: FormState, shownFields?: string[]): string | undefined {
  if (!state.message) return undefined;
  if (state.ok || !state.fieldErrors) return state.message;
  const keys = Object.keys(state.fieldErrors);
  const shown = shownFields ? keys.filter((k) => shownFields.includes(k)) : keys;
  return shown.length > 0 && shown.length === keys.length ? undefined : state.message;
}
