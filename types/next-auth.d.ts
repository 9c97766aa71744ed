import type { DefaultSession } from 'next-auth';
import type { User } from '@/db/schema';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: User['role']; name: string; email: string } & DefaultSession['user'];
  }
  interface User {
    role: User['role'];
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: import('@/db/schema').User['role'];
    /** The server-side session (user_sessions.id); revoked sessions are refused. */
    sid?: string;
  }
}
