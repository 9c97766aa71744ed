import type { Tx } from '@/db/connect';
import type { User } from '@/db/schema';

/** A signed-in person, loaded fresh from the database on every request (see lib/auth/load-actor.ts). */
export type UserActor = { kind: 'user'; userId: string; role: User['role']; email: string; name: string };

/**
 * A trusted operator entry point: a CLI script, the seed, a background job. Never built from a
 * request. `process` names it for logs ("import runner", "scripts/import").
 */
export type SystemActor = { kind: 'system'; process: string };

/** What an API key may do: `track` — send leads, sales and refunds (the tracking API). */
export type ApiKeyScope = 'track';

/** An organization's API key acting server-to-server (the tracking API); scoped to that organization. */
export type ApiKeyActor = { kind: 'apiKey'; keyId: string; orgId: string; scopes: ApiKeyScope[] };

/** Who is acting. Guards (lib/authz/guards.ts) narrow it, so verbs never assert one. */
type Actor = UserActor | SystemActor | ApiKeyActor;

/** What every verb receives besides its input. */
export type Ctx = {
  actor: Actor | null;
  /** Set when the verb runs inside a caller's transaction. */
  tx?: Tx;
  /** Client IP, for rate limiting. */
  ip?: string;
};

/** The context of a web request: nobody, or a signed-in user (lib/auth/request-context.ts). */
export type RequestCtx = Ctx & { actor: UserActor | null };

/** The context of a trusted operator entry point (CLI, seed, background job) named `process`. */
export function systemCtx(process: string): Ctx & { actor: SystemActor } {
  return { actor: { kind: 'system', process } };
}

/** The signed-in user acting in `ctx`, or null for nobody, a system process or an API key. */
export function actingUser(ctx: Ctx): UserActor | null {
  return ctx.actor?.kind === 'user' ? ctx.actor : null;
}

/** The verb signature every `lib/<domain>/<verb>.ts` follows. */
export type VerbArgs<I> = { ctx: Ctx; input: I };

/** The actor of a signed-in `user` row. */
export function userActor(user: Pick<User, 'id' | 'role' | 'email' | 'name'>): UserActor {
  return { kind: 'user', userId: user.id, role: user.role, email: user.email, name: user.name };
}
