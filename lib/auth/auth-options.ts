import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticate } from '../accounts/authenticate';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { clientIp } from './client-ip';
import { loadActor } from './load-actor';
import { revokeSession, startSession } from './sessions';
import { getDb } from '@/db';

/** Sessions last 8 hours without activity; every session refresh while active issues a new token. */
const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth v4 configuration: Credentials provider over `authenticate`, JWT sessions. */
export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          try {
            const actor = await authenticate({
              ctx: { actor: null, ip: clientIp(req?.headers as Record<string, string>, env.TRUSTED_PROXY_HOPS) },
              input: { email: credentials?.email ?? '', password: credentials?.password ?? '' },
            });
            return { id: actor.userId, email: actor.email, name: actor.name, role: actor.role };
          } catch (error) {
            // next-auth passes the message to the sign-in form; only our own messages are shown.
            if (error instanceof AppError) throw new Error(error.message);
            console.error('[auth] sign-in failed unexpectedly', error);
            throw new Error('Sign-in is unavailable right now. Try again in a moment.');
          }
        },
      }),
    ],
    events: {
      // The cookie is deleted by next-auth; revoking the session also stops any copy of it.
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await revokeSession(await getDb(), token.sid);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.sid = await startSession(await getDb(), user.id);
          return token;
        }
        // On every refresh: a suspended user, a changed password, a deleted account or a revoked
        // session (signed out, "sign out everywhere") ends the session.
        const actor = token.sub ? await loadActor(token.sub, token.iat as number | undefined, token.sid as string | undefined) : null;
        if (!actor) return {};
        token.role = actor.role;
        token.name = actor.name;
        token.email = actor.email;
        return token;
      },
      async session({ session, token }) {
        if (!token.sub || !token.role) return { ...session, user: undefined as never };
        session.user = { id: token.sub, role: token.role, name: token.name ?? '', email: token.email ?? '' };
        return session;
      },
    },
  };
}
