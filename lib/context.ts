import type { Tx } from '@/db/connect';
import type { User } from '@/db/schema';

/** Who is acting: loaded fresh from the database on every request (see lib/auth/load-actor.ts). */
export type Actor = { userId: string; role: User['role']; email: string; name: string };

/** What every verb receives besides its input. */
export type Ctx = {
  actor: Actor | null;
  /** Set when the verb runs inside a caller's transaction. */
  tx?: Tx;
  /** True for trusted operator entry points (CLI scripts, seed); never set from a request. */
  system?: boolean;
  /** Client IP, for rate limiting. */
  ip?: string;
};

/** The verb signature every `lib/<domain>/<verb>.ts` follows. */
export type VerbArgs<I> = { ctx: Ctx; input: I };
