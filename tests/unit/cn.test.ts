import { describe, expect, it } from 'vitest';
import { cn } from '@/components/ui/cn';

describe('cn', () => {
  it('lets a later class override an earlier one of the same utility, and keeps the rest', () => {
    expect(cn('block w-full px-3 py-2 ring-gray-300', 'w-40 flex-none')).toBe('block px-3 py-2 ring-gray-300 w-40 flex-none');
    expect(cn('text-sm text-gray-900', false, null, undefined, 'text-red-600')).toBe('text-sm text-red-600');
    expect(cn('px-3', { 'px-0': true, hidden: false })).toBe('px-0');
  });
});
