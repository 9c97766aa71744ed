import Link from 'next/link';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';

/**
 * The page shown instead of a report when its URL query is invalid: what was wrong, and a link
 * back to a query that works.
 */
export function InvalidQuery({
  page,
  problem,
  message,
  back,
}: {
  page: string;
  problem: string;
  message: string;
  back: { href: string; label: string };
}) {
  return (
    <>
      <PageHeader title={page} />
      <Notice tone="error" title={problem}>
        {message}. <Link href={back.href}>{back.label}</Link>.
      </Notice>
    </>
  );
}
