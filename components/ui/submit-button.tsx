'use client';

import type { ComponentProps } from 'react';
import { useFormStatus } from 'react-dom';
import { Button } from './button';

/**
 * A submit button that disables itself and shows `pendingLabel` while its form is submitting.
 * With `name` and `value` (one form, a button per row), only the button whose value was sent shows
 * the pending label; all of the form's buttons are disabled meanwhile.
 */
export function SubmitButton({ children, pendingLabel, ...props }: ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending, data } = useFormStatus();
  const mine = pending && (props.name === undefined || data?.get(props.name) === String(props.value));
  return (
    <Button type="submit" disabled={pending || props.disabled} {...props}>
      {mine ? (pendingLabel ?? 'Saving…') : children}
    </Button>
  );
}
