'use client';

import { createContext, useActionState, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { formMessage, initialFormState, type FormState } from '@/lib/forms';
import { ConfirmDialog } from './confirm-dialog';
import { CopyButton } from './copy-button';
import { Field } from './field';
import { Notice } from './notice';

const FormStateContext = createContext<FormState>(initialFormState);
/** Lets each FormField tell its ActionForm that it shows the errors of its field. */
const RegisterFieldContext = createContext<(name: string) => () => void>(() => () => {});

/**
 * A form bound to a server action returning FormState; hands per-field errors to the `FormField`s
 * inside and shows the action's message under the fields unless every error it holds is already
 * shown next to a field (an error for a field no FormField shows is never hidden). After an error,
 * focus moves to the first invalid control. With `resetOnSuccess`, clears the fields after a
 * success.
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
  /** Asks the user this question in a dialog before submitting; its button repeats the submit button's label. */
  confirm?: string;
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useRef<HTMLFormElement>(null);
  const [shownFields, setShownFields] = useState<string[]>([]);
  const register = useCallback((name: string) => {
    setShownFields((names) => [...names, name]);
    return () => setShownFields((names) => names.filter((n, i) => n !== name || i !== names.indexOf(name)));
  }, []);
  useEffect(() => {
    if (state.ok && resetOnSuccess) ref.current?.reset();
    if (!state.ok && state.fieldErrors) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, resetOnSuccess]);
  const message = formMessage(state, shownFields);
  // A submission waiting for confirmation (the button that asked), and a confirmed one passing through.
  const [asking, setAsking] = useState<{ submitter: HTMLButtonElement | null; label: string } | null>(null);
  const confirmed = useRef(false);
  return (
    <FormStateContext.Provider value={state}>
      <RegisterFieldContext.Provider value={register}>
        <form
          ref={ref}
          action={formAction}
          className={className}
          data-testid={testId}
          onSubmit={(e) => {
            if (!confirm || confirmed.current) {
              confirmed.current = false;
              return;
            }
            e.preventDefault();
            const submitter = (e.nativeEvent as SubmitEvent).submitter;
            const button = submitter instanceof HTMLButtonElement ? submitter : null;
            setAsking({ submitter: button, label: button?.textContent?.trim() || 'Confirm' });
          }}
        >
          {children}
          {message ? (
            <div className="mt-3">
              <Notice tone={state.ok ? 'success' : 'error'} testId={testId ? `${testId}-message` : undefined}>
                {message}
              </Notice>
            </div>
          ) : null}
          {state.ok && state.secret ? (
            <div
              className="mt-3 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-inset ring-amber-200"
              data-testid={testId ? `${testId}-secret` : undefined}
            >
              <p className="font-medium text-amber-900">{state.secret.label}</p>
              <div className="mt-2 flex items-center gap-2">
                <code className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs text-gray-900 ring-1 ring-gray-200">
                  {state.secret.value}
                </code>
                <CopyButton text={state.secret.value} />
              </div>
            </div>
          ) : null}
          {confirm ? (
            <ConfirmDialog
              open={asking !== null}
              title={confirm}
              confirmLabel={asking?.label ?? 'Confirm'}
              onCancel={() => setAsking(null)}
              onConfirm={() => {
                const submitter = asking?.submitter ?? undefined;
                setAsking(null);
                confirmed.current = true;
                ref.current?.requestSubmit(submitter);
              }}
            />
          ) : null}
        </form>
      </RegisterFieldContext.Provider>
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
  const register = useContext(RegisterFieldContext);
  useEffect(() => register(name), [register, name]);
  return (
    <Field label={label} htmlFor={htmlFor} hint={hint} error={state.fieldErrors?.[name]}>
      {children}
    </Field>
  );
}
