import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random token (256 bits) and the SHA-256 hex digest that is stored instead of it. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** SHA-256 hex of a token, for lookup by the stored digest. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
