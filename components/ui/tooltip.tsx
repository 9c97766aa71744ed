'use client';

import * as RadixTooltip from '@radix-ui/react-tooltip';
import type { ReactNode } from 'react';
import { cn } from './cn';

/**
 * A tooltip on Radix's primitive: opens on hover and on keyboard focus, closes on Escape, is
 * rendered in a portal only while open (a closed tooltip takes no room, so it never widens the
 * page) and moves to stay inside the viewport at its edges. `children` is the trigger: one element
 * that can take focus (this adds `tabIndex` when it is not a control).
 */
export function Tooltip({
  content,
  children,
  side = 'bottom',
  align = 'start',
  className,
}: {
  content: ReactNode;
  children: ReactNode;
  side?: 'top' | 'bottom' | 'left' | 'right';
  align?: 'start' | 'center' | 'end';
  className?: string;
}) {
  return (
    <RadixTooltip.Provider delayDuration={150} skipDelayDuration={300}>
      <RadixTooltip.Root>
        <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
        <RadixTooltip.Portal>
          <RadixTooltip.Content
            side={side}
            align={align}
            sideOffset={6}
            collisionPadding={8}
            className={cn(
              'z-50 max-w-[min(18rem,calc(100vw-1rem))] rounded-md bg-gray-900 px-3 py-2 text-left text-xs font-normal normal-case leading-relaxed tracking-normal text-gray-100 shadow-lg',
              className,
            )}
          >
            {content}
          </RadixTooltip.Content>
        </RadixTooltip.Portal>
      </RadixTooltip.Root>
    </RadixTooltip.Provider>
  );
}
