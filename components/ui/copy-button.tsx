'use client';

import { useEffect, useState } from 'react';
import { cn } from './cn';

/**
 * Copies `text` to the clipboard; says "Copied" for two seconds (announced to screen readers).
 * Where the Clipboard API is refused (an insecure origin), selects the text next to it instead.
 */
export function CopyButton({
  text,
  label = 'Copy',
  className,
  testId,
}: {
  text: string;
  label?: string;
  className?: string;
  testId?: string;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2_000);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={copied ? 'Copied' : `${label}: ${text}`}
      className={cn(
        'inline-flex items-center rounded-md px-2 py-1 text-xs font-semibold text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        className,
      )}
      onClick={async (e) => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
        } catch {
          const target = (e.currentTarget.previousElementSibling as HTMLElement | null) ?? null;
          if (target) window.getSelection()?.selectAllChildren(target);
        }
      }}
    >
      <span aria-live="polite">{copied ? 'Copied' : label}</span>
    </button>
  );
}
