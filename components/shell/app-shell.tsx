import type { ReactNode } from 'react';
import type { UserActor } from '@/lib/context';
import { Logo } from '../ui/logo';
import { NavLinks, type NavGroup } from './nav-links';
import { SessionKeepAlive } from './session-keepalive';
import { SignOutButton } from './sign-out-button';

const ROLE_LABEL: Record<UserActor['role'], string> = { admin: 'Admin', brand: 'Brand', influencer: 'Influencer', fan: 'Fan' };

/** The signed-in layout: sidebar with role-aware navigation, top bar with the user and sign-out. */
export function AppShell({
  actor,
  groups,
  footer,
  unreadNotifications = 0,
  children,
  banner,
}: {
  actor: UserActor;
  groups: NavGroup[];
  footer?: ReactNode;
  unreadNotifications?: number;
  children: ReactNode;
  /** Shown above the page, under the header (e.g. "confirm your email address"). */
  banner?: ReactNode;
}) {
  return (
    <SessionKeepAlive>
      <div className="min-h-screen bg-gray-50">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-indigo-700 focus:shadow-lg focus:ring-2 focus:ring-indigo-600"
        >
          Skip to content
        </a>
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
            <div className="shrink-0 lg:hidden">
              <Logo href="/home" />
            </div>
            <div className="hidden lg:block" />
            <div className="flex min-w-0 items-center gap-2 sm:gap-4">
              <a
                href="/notifications"
                className="relative rounded-full p-2 text-gray-500 hover:bg-gray-100 hover:text-gray-900"
                aria-label={unreadNotifications ? `Notifications, ${unreadNotifications} unread` : 'Notifications'}
                data-testid="notifications-bell"
              >
                <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="h-6 w-6" aria-hidden>
                  <path
                    strokeLinecap="round"
                    strokeLinejoin="round"
                    d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0"
                  />
                </svg>
                {unreadNotifications ? (
                  <span
                    className="absolute -right-0.5 -top-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white"
                    data-testid="notifications-unread"
                  >
                    {unreadNotifications > 99 ? '99+' : unreadNotifications}
                  </span>
                ) : null}
              </a>
              {/* At phone width the name alone, cut to fit; the role and email from sm up. */}
              <div className="min-w-0 max-w-[9rem] text-right sm:max-w-xs">
                <p className="truncate text-sm font-medium text-gray-900" data-testid="current-user" title={actor.name}>
                  {actor.name}
                </p>
                <p className="hidden truncate text-xs text-gray-500 sm:block">
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
          {banner}
          <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none sm:px-8">
            {children}
          </main>
        </div>
      </div>
    </SessionKeepAlive>
  );
}
