import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

/**
 * A data table: scrolls sideways inside its own box when its columns are wider than the screen
 * (the page never does), with the app's row dividers and text size. `className` adds to the
 * table's classes (a later Tailwind class wins: `cn`).
 */
export function Table({ className, children, ...props }: ComponentProps<'table'>) {
  return (
    <div className="relative max-w-full overflow-x-auto">
      <table className={cn('min-w-full divide-y divide-gray-100 text-sm', className)} {...props}>
        {children}
      </table>
    </div>
  );
}

/** The header row of a {@link Table}: small uppercase grey labels. */
export function TableHead({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <thead>
      <tr className={cn('text-left text-xs font-medium uppercase tracking-wide text-gray-500', className)}>{children}</tr>
    </thead>
  );
}

/** The body of a {@link Table}, rows divided. */
export function TableBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('divide-y divide-gray-100', className)} {...props} />;
}

/** A header cell; `numeric` aligns it right over a column of numbers. */
export function Th({ className, numeric, ...props }: ComponentProps<'th'> & { numeric?: boolean }) {
  return <th className={cn('px-5 py-3', numeric && 'text-right', className)} {...props} />;
}

/** A body cell; `numeric` aligns it right with figures of one width. */
export function Td({ className, numeric, ...props }: ComponentProps<'td'> & { numeric?: boolean }) {
  return <td className={cn('px-5 py-3', numeric && 'text-right tabular-nums', className)} {...props} />;
}
