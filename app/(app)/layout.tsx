import Link from 'next/link';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import type { NavGroup } from '@/components/shell/nav-links';
import { VerifyEmailBanner } from '@/components/shell/verify-email-banner';
import { emailVerificationPending } from '@/lib/accounts/email-verification';
import { getRequestCtx } from '@/lib/auth/request-context';
import { resendEmailVerificationAction } from './settings/actions';
import { getEnv } from '@/lib/env';
import { listMyOrganizations } from '@/lib/orgs/list-my-organizations';
import { countUnreadNotifications } from '@/lib/notifications/list-notifications';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await getRequestCtx();
  if (!ctx.actor) {
    const path = (await headers()).get('x-pathname');
    redirect(path?.startsWith('/') ? `/sign-in?callbackUrl=${encodeURIComponent(path)}` : '/sign-in');
  }
  const groups: NavGroup[] = [];
  // The shell's three reads at once: each is one short query.
  const [orgs, unread, verificationPending] = await Promise.all([
    ctx.actor.role === 'brand' || ctx.actor.role === 'influencer' ? listMyOrganizations({ ctx, input: undefined }) : [],
    countUnreadNotifications({ ctx, input: undefined }),
    emailVerificationPending({ ctx, input: undefined }),
  ]);
  if (ctx.actor.role === 'influencer')
    groups.push({
      items: [
        { href: '/creator', label: 'Home', exact: true },
        { href: '/campaigns', label: 'Campaigns' },
        { href: '/offers', label: 'Offers' },
        { href: '/creator/collaborations', label: 'Collaborations' },
        { href: '/inbox', label: 'Inbox' },
        { href: '/creator/profile', label: 'Profile' },
      ],
    });
  else if (ctx.actor.role === 'fan')
    groups.push({
      items: [
        { href: '/fan', label: 'Home' },
        { href: '/creators', label: 'Influencers' },
      ],
    });
  else if (ctx.actor.role === 'admin')
    groups.push({
      title: 'Platform',
      items: [
        { href: '/admin', label: 'Overview', exact: true },
        { href: '/admin/users', label: 'Users' },
        { href: '/admin/claims', label: 'Account claims' },
        { href: '/admin/insights', label: 'Insights' },
        { href: '/admin/audit', label: 'Audit log' },
      ],
    });
  for (const org of orgs) {
    const settings = { href: `/o/${org.slug}/settings`, label: org.role === 'owner' ? 'Team & settings' : 'Team', exact: true };
    const metricSettings = { href: `/o/${org.slug}/settings/metrics`, label: 'Metric settings' };
    groups.push(
      org.kind === 'creator'
        ? {
            // A creator workspace: the brand views over the creator's own data; no campaigns.
            title: ctx.actor.role === 'influencer' ? 'Your analytics' : org.name,
            items: [
              { href: `/o/${org.slug}/analytics`, label: 'Overview' },
              ...(org.influencerId ? [{ href: `/o/${org.slug}/influencers/${org.influencerId}`, label: 'Your accounts' }] : []),
              { href: `/o/${org.slug}/influencers`, label: 'Influencers', exact: true },
              { href: `/o/${org.slug}/benchmarks`, label: 'Benchmarks' },
              { href: `/o/${org.slug}/imports`, label: 'Imports' },
              metricSettings,
              settings,
            ],
          }
        : {
            title: org.name,
            items: [
              { href: `/o/${org.slug}`, label: 'Home', exact: true },
              { href: `/o/${org.slug}/analytics`, label: 'Analytics' },
              { href: `/o/${org.slug}/influencers`, label: 'Influencers' },
              { href: `/o/${org.slug}/discover`, label: 'Discover' },
              { href: `/o/${org.slug}/campaigns`, label: 'Campaigns' },
              { href: `/o/${org.slug}/forecasts`, label: 'Forecast accuracy' },
              { href: `/o/${org.slug}/benchmarks`, label: 'Benchmarks' },
              { href: `/o/${org.slug}/imports`, label: 'Imports' },
              { href: `/o/${org.slug}/tracking`, label: 'Tracking' },
              metricSettings,
              settings,
            ],
          },
    );
  }
  groups.push({
    title: 'You',
    items: [
      ...(ctx.actor.role === 'brand' ? [{ href: '/inbox', label: 'Inbox' }] : []),
      { href: '/notifications', label: 'Notifications' },
      { href: '/settings', label: 'Account settings' },
    ],
  });
  const banner = verificationPending ? <VerifyEmailBanner email={ctx.actor.email} action={resendEmailVerificationAction} /> : null;
  const footer = getEnv().mailboxEnabled ? (
    <Link href="/dev/mailbox" className="block px-3 text-xs text-gray-500 hover:text-gray-900">
      Development mailbox
    </Link>
  ) : null;
  return (
    <AppShell actor={ctx.actor} groups={groups} footer={footer} unreadNotifications={unread} banner={banner}>
      {children}
    </AppShell>
  );
}
