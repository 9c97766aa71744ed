import { createHash, randomBytes } from 'node:crypto';

/** A new API key: `rb_` + 43 base64url characters (256 random bits). */
export function newApiKey(): string {
  return `rb_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a key: SHA-256, hex (the key itself is never stored). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The part of a key shown to tell keys apart: `rb_` and the next 8 characters. */
export function prefixOf(key: string): string {
  return key.slice(0, 11);
}
