import { ActionForm } from '@/components/ui/action-form';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/forms';

/** Follow / Following toggle bound to a server action. */
export function FollowButton({ following, action }: { following: boolean; action: (prev: FormState) => Promise<FormState> }) {
  return (
    <ActionForm action={action} testId={following ? 'unfollow' : 'follow'}>
      <SubmitButton variant={following ? 'secondary' : 'primary'} pendingLabel="…">
        {following ? 'Following ✓' : 'Follow'}
      </SubmitButton>
    </ActionForm>
  );
}
