import type { ReactNode } from 'react';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getOrgAccess } from '@/lib/orgs/get-org-access';
import { loadPage } from '@/lib/pages';

/**
 * Every page of an organization: a non-member gets the 404 page with a 404 status before anything
 * streams (the pages' loading skeletons would otherwise commit a 200 first). Each page's verb
 * checks access again for what it reads.
 */
export default async function OrganizationLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await getRequestCtx();
  await loadPage(() => getOrgAccess({ ctx, input: { slug } }), `/o/${slug}`);
  return children;
}
