import Link from 'next/link';
import { formatNumber } from './format';

/** One page of rows already in memory, for tables that show a slice of a list the page has loaded whole. */
export type Slice<T> = { rows: T[]; page: number; pageCount: number; from: number; to: number; total: number };

/**
 * The `requested` page (a search-param string, 1-based; anything else is page 1, past the end is
 * the last page) of `rows`, `size` rows per page. `from`/`to` are 1-based row numbers (0 when empty).
 */
export function sliceOf<T>(rows: T[], requested: string | undefined, size: number): Slice<T> {
  const pageCount = Math.max(1, Math.ceil(rows.length / size));
  const asked = Number.parseInt(requested ?? '', 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), pageCount) : 1;
  const start = (page - 1) * size;
  const slice = rows.slice(start, start + size);
  return { rows: slice, page, pageCount, from: slice.length ? start + 1 : 0, to: start + slice.length, total: rows.length };
}

const linkClass = 'rounded-md px-3 py-1.5 ring-1 ring-gray-200 hover:bg-gray-50';

/**
 * Previous/next links under a table, with where the reader is: "Page 2 of 5", or with `total`,
 * "51–100 of 222 posts". Renders nothing for a single page. `href(page)` builds each link.
 */
export function Pager({
  page,
  pageCount,
  href,
  total,
  from,
  to,
  noun,
  testId,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  total?: number;
  from?: number;
  to?: number;
  noun?: string;
  testId?: string;
}) {
  if (pageCount <= 1) return null;
  const where =
    total !== undefined && from !== undefined && to !== undefined
      ? `${formatNumber(from)}–${formatNumber(to)} of ${formatNumber(total)}${noun ? ` ${noun}` : ''}`
      : `Page ${page} of ${pageCount}`;
  return (
    <nav
      className="flex items-center justify-between gap-3 border-t border-gray-100 px-4 py-3 text-sm"
      aria-label={noun ? `Pages of ${noun}` : 'Pages'}
      data-testid={testId}
    >
      <p className="text-gray-500">{where}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(Math.min(page - 1, pageCount))} className={linkClass} scroll={false}>
            Previous
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link href={href(page + 1)} className={linkClass} scroll={false}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
