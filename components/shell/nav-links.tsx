'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '../ui/cn';

type NavItem = { href: string; label: string; exact?: boolean };
export type NavGroup = { title?: string; items: NavItem[] };

/** Sidebar navigation; highlights the current page. */
export function NavLinks({ groups }: { groups: NavGroup[] }) {
  const pathname = usePathname();
  return (
    <nav className="flex flex-col gap-6">
      {groups.map((group, i) => (
        <div key={group.title ?? i}>
          {group.title ? (
            <p className="mb-2 truncate px-3 text-xs font-semibold uppercase tracking-wide text-gray-500">{group.title}</p>
          ) : null}
          <ul className="space-y-0.5">
            {group.items.map((item) => {
              const active = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    className={cn(
                      'block rounded-md px-3 py-2 text-sm font-medium',
                      active ? 'bg-indigo-50 text-indigo-700' : 'text-gray-700 hover:bg-gray-50 hover:text-gray-900',
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
