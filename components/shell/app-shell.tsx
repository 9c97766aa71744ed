import type { ReactNode } from 'react';
import type { Actor } from '@/lib/context';
import { Logo } from '../ui/logo';
import { NavLinks, type NavGroup } from './nav-links';
import { SessionKeepAlive } from './session-keepalive';
import { SignOutButton } from './sign-out-button';

const ROLE_LABEL: Record<Actor['role'], string> = { admin: 'Admin', brand: 'Brand', influencer: 'Influencer', fan: 'Fan' };

/** The signed-in layout: sidebar with role-aware navigation, top bar with the user and sign-out. */
export function AppShell({
  actor,
  groups,
  footer,
  children,
}: {
  actor: Actor;
  groups: NavGroup[];
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <SessionKeepAlive>
      <div className="min-h-screen bg-gray-50">
        <aside className="fixed inset-y-0 left-0 hidden w-64 flex-col border-r border-gray-200 bg-white px-4 py-5 lg:flex">
          <div className="px-2">
            <Logo href="/home" />
          </div>
          <div className="mt-8 flex-1 overflow-y-auto">
            <NavLinks groups={groups} />
          </div>
          {footer ? <div className="border-t border-gray-100 pt-4">{footer}</div> : null}
        </aside>
        <div className="lg:pl-64">
          <header className="sticky top-0 z-10 flex h-16 items-center justify-between gap-4 border-b border-gray-200 bg-white/90 px-4 backdrop-blur sm:px-8">
            <div className="lg:hidden">
              <Logo href="/home" />
            </div>
            <div className="hidden lg:block" />
            <div className="flex items-center gap-4">
              <div className="text-right">
                <p className="text-sm font-medium text-gray-900" data-testid="current-user">
                  {actor.name}
                </p>
                <p className="text-xs text-gray-500">
                  {ROLE_LABEL[actor.role]} · {actor.email}
                </p>
              </div>
              <SignOutButton />
            </div>
          </header>
          <nav className="flex gap-1 overflow-x-auto border-b border-gray-200 bg-white px-4 py-2 lg:hidden">
            {groups
              .flatMap((g) => g.items)
              .map((item) => (
                <a
                  key={item.href}
                  href={item.href}
                  className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50"
                >
                  {item.label}
                </a>
              ))}
          </nav>
          <main className="mx-auto max-w-6xl px-4 py-8 sm:px-8">{children}</main>
        </div>
      </div>
    </SessionKeepAlive>
  );
}
