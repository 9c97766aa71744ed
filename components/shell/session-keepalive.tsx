'use client';

import { SessionProvider } from 'next-auth/react';
import type { ReactNode } from 'react';

/**
 * Refreshes the session every 5 minutes and on focus while the app is open: each refresh issues a
 * new short-lived token (rotation on activity) and ends a session the server no longer accepts.
 */
export function SessionKeepAlive({ children }: { children: ReactNode }) {
  return (
    <SessionProvider refetchInterval={5 * 60} refetchOnWindowFocus>
      {children}
    </SessionProvider>
  );
}
