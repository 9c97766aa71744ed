'use client';

import { createContext, useContext, type ComponentProps, type ReactNode } from 'react';
import { cn } from './cn';

const inputClass =
  'block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 placeholder:text-gray-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-400';

/** What a Field tells the control inside it: its error or hint text's id, and whether it is invalid. */
const FieldContext = createContext<{ describedBy?: string; invalid: boolean }>({ invalid: false });

/**
 * A labelled form control with its hint and error; `error` is rendered as text. The control
 * inside (Input, Select, Textarea) is linked to the error or hint (`aria-describedby`) and marked
 * `aria-invalid` while there is an error.
 */
export function Field({
  label,
  htmlFor,
  hint,
  error,
  children,
}: {
  label: string;
  htmlFor: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const describedBy = error ? `${htmlFor}-error` : hint ? `${htmlFor}-hint` : undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <FieldContext.Provider value={{ describedBy, invalid: Boolean(error) }}>{children}</FieldContext.Provider>
      {error ? (
        <p className="text-sm text-red-600" id={`${htmlFor}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-gray-500" id={`${htmlFor}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The ARIA attributes of a control: its own, else those of the Field around it. */
function useFieldAria(invalid: boolean | undefined, describedBy: string | undefined) {
  const field = useContext(FieldContext);
  return {
    'aria-invalid': invalid || field.invalid || undefined,
    'aria-describedby': describedBy ?? field.describedBy,
  };
}

export function Input({ className, invalid, ...props }: ComponentProps<'input'> & { invalid?: boolean }) {
  const aria = useFieldAria(invalid, props['aria-describedby']);
  return <input className={cn(inputClass, className)} {...props} {...aria} />;
}

export function Select({ className, invalid, ...props }: ComponentProps<'select'> & { invalid?: boolean }) {
  const aria = useFieldAria(invalid, props['aria-describedby']);
  return <select className={cn(inputClass, 'pr-8', className)} {...props} {...aria} />;
}

export function Textarea({ className, invalid, ...props }: ComponentProps<'textarea'> & { invalid?: boolean }) {
  const aria = useFieldAria(invalid, props['aria-describedby']);
  return <textarea className={cn(inputClass, className)} {...props} {...aria} />;
}
