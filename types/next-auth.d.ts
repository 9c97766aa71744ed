import type { DefaultSession } from 'next-auth';
import type { User as DbUser } from '@/db/schema';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: DbUser['role']; name: string; email: string } & DefaultSession['user'];
  }
  interface User {
    role: DbUser['role'];
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: DbUser['role'];
    /** The server-side session (user_sessions.id); revoked sessions are refused. */
    sid?: string;
  }
}
