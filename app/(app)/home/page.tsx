import { redirect } from 'next/navigation';
import { EmptyState } from '@/components/ui/panel';
import { getRequestCtx } from '@/lib/auth/request-context';
import { listMyOrganizations } from '@/lib/orgs/list-my-organizations';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Home' };

/** Sends each role to its own home. */
export default async function HomeRedirect() {
  const ctx = await getRequestCtx();
  if (!ctx.actor) redirect('/sign-in');
  if (ctx.actor.role === 'admin') redirect('/admin');
  if (ctx.actor.role === 'influencer') redirect('/creator');
  if (ctx.actor.role === 'fan') redirect('/fan');
  const [first] = await listMyOrganizations({ ctx, input: undefined });
  if (first) redirect(`/o/${first.slug}`);
  return (
    <EmptyState title="You are not a member of any organization">
      Ask an owner of your brand’s organization to invite you: the invitation email has a link that adds you to it.
    </EmptyState>
  );
}
