'use client';

import { createContext, useActionState, useContext, useEffect, useRef, type ReactNode } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';
import { Field } from './field';
import { Notice } from './notice';

const FormStateContext = createContext<FormState>(initialFormState);

/**
 * A form bound to a server action returning FormState; shows the action's message under the
 * fields and hands per-field errors to the `FormField`s inside. With `resetOnSuccess`, clears
 * the fields after a success.
 */
export function ActionForm({
  action,
  children,
  className,
  resetOnSuccess,
  confirm,
  testId,
}: {
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  children: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  /** Asks the user to confirm before submitting. */
  confirm?: string;
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && resetOnSuccess) ref.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <FormStateContext.Provider value={state}>
      <form
        ref={ref}
        action={formAction}
        className={className}
        data-testid={testId}
        onSubmit={(e) => {
          if (confirm && !window.confirm(confirm)) e.preventDefault();
        }}
      >
        {children}
        {formMessage(state) ? (
          <div className="mt-3">
            <Notice tone={state.ok ? 'success' : 'error'} testId={testId ? `${testId}-message` : undefined}>
              {formMessage(state)}
            </Notice>
          </div>
        ) : null}
      </form>
    </FormStateContext.Provider>
  );
}

/** The state the ActionForm around the caller got from its action (fields' errors, values sent back). */
export function useActionFormState(): FormState {
  return useContext(FormStateContext);
}

/** A labelled field inside an ActionForm that shows the action's error for `name`. */
export function FormField({
  name,
  label,
  htmlFor,
  hint,
  children,
}: {
  name: string;
  label: string;
  htmlFor: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const state = useContext(FormStateContext);
  return (
    <Field label={label} htmlFor={htmlFor} hint={hint} error={state.fieldErrors?.[name]}>
      {children}
    </Field>
  );
}
