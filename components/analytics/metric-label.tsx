'use client';

import type { ReactNode } from 'react';
import { METRIC_DEFINITIONS, type MetricKey } from '@/lib/metrics/definitions';
import { cn } from '../ui/cn';
import { Tooltip } from '../ui/tooltip';

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
    <Tooltip
      align={align === 'right' ? 'end' : 'start'}
      content={
        <>
          <span className="block font-semibold text-white">{label ?? def.label}</span>
          <span className="mt-1 block">{def.formula}</span>
          {detail ? <span className="mt-1 block text-gray-300">{detail}</span> : null}
          <span className="mt-1 block text-gray-500">Source: {def.source}</span>
        </>
      }
    >
      <button
        type="button"
        className={cn(
          'inline-flex cursor-help items-center gap-1 bg-transparent p-0 text-inherit [font:inherit] [letter-spacing:inherit] [text-transform:inherit]',
          className,
        )}
      >
        <span className="border-b border-dotted border-gray-400">{label ?? def.label}</span>
      </button>
    </Tooltip>
  );
}
