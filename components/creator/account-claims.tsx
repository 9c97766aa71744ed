import { ActionForm, FormField } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { Textarea } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/forms';
import type { MyClaim } from '@/lib/claims/list-my-claims';
import { PLATFORM_NAMES } from '@/lib/platforms';

type ClaimActions = {
  check: (claimId: string, prev: FormState) => Promise<FormState>;
  review: (claimId: string, prev: FormState, data: FormData) => Promise<FormState>;
  cancel: (claimId: string, prev: FormState) => Promise<FormState>;
};

const WHERE: Record<MyClaim['platform'], string> = {
  youtube: 'your channel description (YouTube Studio → Customization → Basic info)',
  dailymotion: 'your Dailymotion profile description',
  instagram: 'your Instagram bio',
  tiktok: 'your TikTok bio',
  twitch: 'your Twitch bio (About panel)',
};

/**
 * A creator's accounts waiting for proof: the code to put in their description or bio, then a
 * check Reachboard runs itself (YouTube, Twitch, Dailymotion, when configured) or a request for an admin's review (the
 * others), with what the last check found; rejected claims with the reason.
 */
export function AccountClaims({ claims, actions }: { claims: MyClaim[]; actions: ClaimActions }) {
  if (claims.length === 0) return null;
  return (
    <ul className="mt-4 space-y-3" data-testid="account-claims">
      {claims.map((c) => (
        <li key={c.id} className="rounded-lg bg-amber-50/60 p-3 ring-1 ring-amber-200" data-testid="account-claim">
          <div className="flex items-center justify-between gap-2">
            <span className="flex items-center gap-2 text-sm font-medium text-gray-900">
              <Badge>{PLATFORM_NAMES[c.platform]}</Badge>@{c.handle}
            </span>
            {c.status === 'rejected' ? <Badge tone="red">not approved</Badge> : <Badge tone="amber">unverified</Badge>}
          </div>
          {c.status === 'rejected' ? (
            <p className="mt-2 text-sm text-gray-700">{c.rejectionReason}</p>
          ) : (
            <>
              <p className="mt-2 text-sm text-gray-700">
                Prove this account is yours: put this code in {WHERE[c.platform]}, save, then{' '}
                {c.automatic ? 'check it here.' : 'ask for a review.'} Once the account is verified you can take the code out.
              </p>
              <p className="mt-2">
                <code
                  className="select-all rounded bg-white px-2 py-1 font-mono text-sm font-semibold tracking-wider text-gray-900 ring-1 ring-gray-300"
                  data-testid="claim-code"
                >
                  {c.code}
                </code>
              </p>
              {c.lastCheckResult ? (
                <p className="mt-2 text-xs text-gray-600" data-testid="claim-last-check">
                  Last check: {c.lastCheckResult}
                </p>
              ) : null}
              <div className="mt-3 flex flex-wrap items-start gap-2">
                {c.automatic ? (
                  <ActionForm action={actions.check.bind(null, c.id)} testId="check-claim">
                    <SubmitButton pendingLabel="Checking…">Check the code</SubmitButton>
                  </ActionForm>
                ) : null}
                <ActionForm action={actions.cancel.bind(null, c.id)} confirm={`Withdraw the claim of @${c.handle}?`}>
                  <SubmitButton variant="ghost" pendingLabel="…">
                    Withdraw
                  </SubmitButton>
                </ActionForm>
              </div>
              {c.automatic ? null : c.reviewRequested ? (
                <p className="mt-2 text-xs text-gray-600">A Reachboard admin will look for the code and let you know.</p>
              ) : (
                <ActionForm action={actions.review.bind(null, c.id)} className="mt-3 space-y-2" testId="request-review">
                  <FormField name="evidence" label="Where can an admin see the code?" htmlFor={`evidence-${c.id}`}>
                    <Textarea
                      id={`evidence-${c.id}`}
                      name="evidence"
                      rows={2}
                      placeholder={`https://www.${c.platform}.com/${c.handle}`}
                      required
                    />
                  </FormField>
                  <SubmitButton variant="secondary" pendingLabel="Sending…">
                    Ask for a review
                  </SubmitButton>
                </ActionForm>
              )}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
