import type { ReactNode } from 'react';
import { METRIC_DEFINITIONS, type MetricKey } from '@/lib/metrics/definitions';
import { cn } from '../ui/cn';

/**
 * A metric's name that explains itself on hover or keyboard focus: formula, source and, when
 * given, the inputs and provenance of the value shown (`detail`).
 */
export function MetricLabel({
  metric,
  label,
  detail,
  className,
  align = 'left',
}: {
  metric: MetricKey;
  label?: string;
  detail?: ReactNode;
  className?: string;
  align?: 'left' | 'right';
}) {
  const def = METRIC_DEFINITIONS[metric];
  return (
    <span className={cn('group relative inline-flex cursor-help items-center gap-1', className)} tabIndex={0}>
      <span className="border-b border-dotted border-gray-400">{label ?? def.label}</span>
      <span
        role="tooltip"
        className={cn(
          'pointer-events-none invisible absolute top-full z-30 mt-2 w-72 rounded-md bg-gray-900 px-3 py-2 text-left text-xs font-normal normal-case leading-relaxed tracking-normal text-gray-100 opacity-0 shadow-lg transition group-hover:visible group-hover:opacity-100 group-focus:visible group-focus:opacity-100',
          align === 'right' ? 'right-0' : 'left-0',
        )}
      >
        <span className="block font-semibold text-white">{label ?? def.label}</span>
        <span className="mt-1 block">{def.formula}</span>
        {detail ? <span className="mt-1 block text-gray-300">{detail}</span> : null}
        <span className="mt-1 block text-gray-400">Source: {def.source}</span>
      </span>
    </span>
  );
}
