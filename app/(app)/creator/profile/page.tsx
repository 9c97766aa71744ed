import { cookies } from 'next/headers';
import Link from 'next/link';
import { CONNECTION_FLASH_COOKIE, connectionFlashOf } from '@/lib/connections/flash';
import { AddAccountFields, CreatorProfileFields } from '@/components/creator/creator-profile-fields';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { PLATFORM_NAMES } from '@/lib/platforms';
import { getInfluencerHome } from '@/lib/home/get-influencer-home';
import { loadPage } from '@/lib/pages';
import { AccountClaims } from '@/components/creator/account-claims';
import { listMyClaims } from '@/lib/claims/list-my-claims';
import { ConnectionsPanel } from '@/components/creator/connections-panel';
import { listMyConnections } from '@/lib/connections/list-my-connections';
import {
  cancelClaimAction,
  checkClaimAction,
  claimAccountAction,
  connectPlatformAction,
  disconnectConnectionAction,
  removeAccountAction,
  requestClaimReviewAction,
  updateCreatorProfileAction,
} from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Your profile' };

export default async function CreatorProfilePage() {
  const ctx = await getRequestCtx();
  const [{ profile, accounts }, claims, connections] = await loadPage(
    () =>
      Promise.all([
        getInfluencerHome({ ctx, input: undefined }),
        listMyClaims({ ctx, input: undefined }),
        listMyConnections({ ctx, input: undefined }),
      ]),
    '/creator/profile',
  );
  const flash = connectionFlashOf((await cookies()).get(CONNECTION_FLASH_COOKIE)?.value);
  return (
    <>
      <PageHeader
        title="Your profile"
        description="What brands and fans see about you."
        actions={
          <Link
            href={`/creators/${profile.id}`}
            className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-gray-300 hover:bg-gray-50"
          >
            View public profile
          </Link>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Panel title="Profile" className="lg:col-span-3">
          <ActionForm action={updateCreatorProfileAction} className="space-y-4" testId="creator-profile">
            <CreatorProfileFields
              defaults={{
                category: profile.category ?? '',
                country: profile.country ?? '',
                bio: profile.bio ?? '',
                rate: profile.rateMinor === null ? '' : String(profile.rateMinor / 100),
                rateCurrency: profile.rateCurrency ?? '',
              }}
            />
            <SubmitButton>Save profile</SubmitButton>
          </ActionForm>
        </Panel>
        <Panel
          title="Social accounts"
          description={
            profile.verifiedAt
              ? 'Accounts you proved are yours. Brands see them as verified.'
              : 'Brands see your profile as unverified until you prove one account is yours.'
          }
          className="lg:col-span-2"
        >
          {accounts.length === 0 ? (
            <EmptyState title="No verified account yet">Name the accounts brands know you by, then prove they are yours.</EmptyState>
          ) : (
            <ul className="divide-y divide-gray-100" data-testid="profile-accounts">
              {accounts.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="flex items-center gap-2 text-sm text-gray-900">
                    <Badge>{PLATFORM_NAMES[a.platform]}</Badge>@{a.handle}
                    <Badge tone="green">verified</Badge>
                  </span>
                  <ActionForm action={removeAccountAction.bind(null, a.id)} confirm={`Remove @${a.handle}?`}>
                    <SubmitButton variant="ghost" pendingLabel="…">
                      Remove
                    </SubmitButton>
                  </ActionForm>
                </li>
              ))}
            </ul>
          )}
          <AccountClaims
            claims={claims}
            actions={{ check: checkClaimAction, review: requestClaimReviewAction, cancel: cancelClaimAction }}
          />
          <ActionForm action={claimAccountAction} className="mt-4 space-y-3" resetOnSuccess testId="add-account">
            <AddAccountFields />
            <SubmitButton variant="secondary">Verify an account</SubmitButton>
          </ActionForm>
        </Panel>
      </div>
      <div className="mt-6">
        <ConnectionsPanel
          data={connections}
          flash={flash}
          actions={{ connect: connectPlatformAction, disconnect: disconnectConnectionAction }}
        />
      </div>
    </>
  );
}
