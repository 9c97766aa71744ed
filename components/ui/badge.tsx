import type { ReactNode } from 'react';
import { cn } from './cn';

const tones = {
  gray: 'bg-gray-50 text-gray-700 ring-gray-600/20',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-700/10',
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  red: 'bg-red-50 text-red-700 ring-red-600/10',
};

export function Badge({ tone = 'gray', children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return (
    <span className={cn('inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone])}>
      {children}
    </span>
  );
}
