'use client';

import { useActionState, useEffect, useRef, type ReactNode } from 'react';
import { initialFormState, type FormState } from '@/lib/forms';
import { Notice } from './notice';

/**
 * A form bound to a server action returning FormState; shows the action's message under the
 * fields and, with `resetOnSuccess`, clears the fields after a success.
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
  children: ReactNode | ((state: FormState) => ReactNode);
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
    <form
      ref={ref}
      action={formAction}
      className={className}
      data-testid={testId}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {typeof children === 'function' ? children(state) : children}
      {state.message ? (
        <div className="mt-3">
          <Notice tone={state.ok ? 'success' : 'error'} testId={testId ? `${testId}-message` : undefined}>
            {state.message}
          </Notice>
        </div>
      ) : null}
    </form>
  );
}
