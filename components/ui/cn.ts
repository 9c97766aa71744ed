import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Joins class names (strings, conditionals, arrays, objects: clsx) and resolves Tailwind conflicts
 * by intent: a later class wins over an earlier one of the same utility (`cn('w-full', 'w-40')` is
 * `w-40`), so a component's `className` override works whatever the order of the generated CSS.
 */
export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}
