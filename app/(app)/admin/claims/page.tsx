import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/field';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listClaimReviews, type ClaimReview } from '@/lib/claims/list-claim-reviews';
import { loadPage } from '@/lib/pages';
import { PLATFORM_NAMES } from '@/lib/platforms';
import { decideClaimAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Account claims' };

const PROFILE_URL: Record<ClaimReview['platform'], (h: string) => string> = {
  youtube: (h) => `https://www.youtube.com/@${h}`,
  instagram: (h) => `https://www.instagram.com/${h}/`,
  tiktok: (h) => `https://www.tiktok.com/@${h}`,
  twitch: (h) => `https://www.twitch.tv/${h}`,
  dailymotion: (h) => `https://www.dailymotion.com/${h}`,
};

function HeldBy({ held }: { held: ClaimReview['heldBy'] }) {
  if (held.kind === 'nobody') return <span>Not on Reachboard yet</span>;
  if (held.kind === 'tracked')
    return (
      <span>
        Tracked profile on {held.rosters} roster{held.rosters === 1 ? '' : 's'}: it merges into the creator’s
      </span>
    );
  return (
    <span>
      On {held.name}’s profile {held.verified ? <Badge tone="red">verified</Badge> : <Badge tone="amber">unverified</Badge>}
    </span>
  );
}

export default async function AdminClaimsPage() {
  const ctx = await getRequestCtx();
  const claims = await loadPage(() => listClaimReviews({ ctx, input: undefined }), '/admin/claims');
  return (
    <>
      <PageHeader
        title="Account claims"
        description="Creators who ask to verify an account by hand. Open the profile, look for the code in the bio or description, then approve or reject."
      />
      {claims.length === 0 ? (
        <Panel>
          <EmptyState title="Nothing to review">Claims appear here when a creator asks for a review.</EmptyState>
        </Panel>
      ) : (
        <ul className="space-y-4" data-testid="claim-reviews">
          {claims.map((c) => (
            <li key={c.id} data-testid="claim-review">
              <Panel>
                <div className="grid grid-cols-1 gap-4 lg:grid-cols-[1fr_20rem]">
                  <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-2 text-sm">
                    <dt className="text-gray-500">Account</dt>
                    <dd className="font-medium text-gray-900">
                      {PLATFORM_NAMES[c.platform]} @{c.handle} ·{' '}
                      <a
                        href={PROFILE_URL[c.platform](c.handle)}
                        target="_blank"
                        rel="noopener noreferrer nofollow"
                        className="text-indigo-600 underline hover:text-indigo-500"
                      >
                        open profile ↗
                      </a>
                    </dd>
                    <dt className="text-gray-500">Code to find</dt>
                    <dd>
                      <code className="rounded bg-gray-100 px-2 py-0.5 font-mono font-semibold tracking-wider">{c.code}</code>
                    </dd>
                    <dt className="text-gray-500">Creator</dt>
                    <dd>
                      {c.creator.name} · {c.creator.email}{' '}
                      {c.creator.verified ? <Badge tone="green">verified</Badge> : <Badge tone="amber">unverified</Badge>}
                    </dd>
                    <dt className="text-gray-500">Held by</dt>
                    <dd>
                      <HeldBy held={c.heldBy} />
                    </dd>
                    <dt className="text-gray-500">Evidence</dt>
                    <dd className="whitespace-pre-wrap break-words text-gray-700" data-testid="claim-evidence">
                      {c.evidence}
                    </dd>
                    <dt className="text-gray-500">Asked</dt>
                    <dd>{formatDate(new Date(c.requestedAt))}</dd>
                  </dl>
                  <div className="space-y-3">
                    <ActionForm
                      action={decideClaimAction.bind(null, c.id, 'approve')}
                      confirm={`Approve @${c.handle} for ${c.creator.name}?`}
                    >
                      <SubmitButton className="w-full" pendingLabel="Approving…">
                        Approve: I saw the code
                      </SubmitButton>
                    </ActionForm>
                    <ActionForm action={decideClaimAction.bind(null, c.id, 'reject')} className="space-y-2">
                      <label className="block text-xs font-medium text-gray-700" htmlFor={`reason-${c.id}`}>
                        Reason (the creator reads it)
                      </label>
                      <Input id={`reason-${c.id}`} name="reason" required placeholder="The code is not in the bio" />
                      <SubmitButton variant="secondary" className="w-full" pendingLabel="Rejecting…">
                        Reject
                      </SubmitButton>
                    </ActionForm>
                  </div>
                </div>
              </Panel>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
