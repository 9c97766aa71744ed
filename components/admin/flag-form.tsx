import { ActionForm } from '@/components/ui/action-form';
import { Input } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/forms';

/**
 * Flag (with a reason the affected person reads) or unflag, as a small inline form; flagging
 * opens a reason field first.
 */
export function FlagForm({
  flagged,
  action,
  testId,
}: {
  flagged: boolean;
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  testId?: string;
}) {
  if (flagged)
    return (
      <ActionForm action={action} testId={testId ? `${testId}-unflag` : undefined}>
        <SubmitButton variant="secondary" pendingLabel="…">
          Unflag
        </SubmitButton>
      </ActionForm>
    );
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm font-semibold text-amber-700 ring-1 ring-inset ring-amber-200 hover:bg-amber-50">
        Flag
      </summary>
      <ActionForm
        action={action}
        className="absolute right-0 z-10 mt-1 w-72 space-y-2 rounded-md bg-white p-3 shadow-lg ring-1 ring-gray-200"
        testId={testId ? `${testId}-flag` : undefined}
      >
        <label className="block text-xs font-medium text-gray-700">
          Reason (sent to them)
          <Input name="reason" required minLength={3} maxLength={500} className="mt-1" />
        </label>
        <SubmitButton variant="danger" pendingLabel="Flagging…">
          Flag
        </SubmitButton>
      </ActionForm>
    </details>
  );
}
