import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { decode } from 'next-auth/jwt';
import type { RequestCtx } from '../context';
import { getEnv } from '../env';
import { clientIp } from './client-ip';
import { loadActor } from './load-actor';

/** The names next-auth gives the session cookie (the first one over HTTPS). */
export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/**
 * The context of the current request: the actor from the session cookie, re-checked against the
 * database (suspension and password changes apply at once), and the client IP. Memoised per
 * request, so a layout and its page load the user once.
 */
export const getRequestCtx = cache(async (): Promise<RequestCtx> => {
  const [store, hdrs] = await Promise.all([cookies(), headers()]);
  const ip = clientIp(hdrs, getEnv().TRUSTED_PROXY_HOPS);
  const raw = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  if (!raw) return { actor: null, ip };
  try {
    const token = await decode({ token: raw, secret: getEnv().NEXTAUTH_SECRET });
    if (!token?.sub) return { actor: null, ip };
    return { actor: await loadActor(token.sub, token.iat as number | undefined, token.sid as string | undefined), ip };
  } catch {
    return { actor: null, ip };
  }
});
