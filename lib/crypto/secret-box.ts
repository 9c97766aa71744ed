import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { getEnv } from '../env';

/**
 * Secrets at rest (a shop's webhook signing secret; platform tokens): AES-256-GCM with a random
 * 96-bit nonce per value and associated data naming where the value lives (`table.column:rowId`),
 * so a sealed value copied to another row or column does not open. Keys come from
 * `ENCRYPTION_KEYS` (`<id>:<base64 of 32 bytes>`, comma-separated, the first one current); each
 * sealed value names its key, so a new key is added in front, values are resealed
 * (`npm run secrets:reseal`), then the old key is dropped — no downtime.
 *
 * Format: `rb1.<key id>.<nonce, base64url>.<ciphertext + 16-byte tag, base64url>`.
 */

const PREFIX = 'rb1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A value that cannot be opened: unknown key id, altered ciphertext, or sealed for another place. */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

/** Where a sealed value lives; bound into the ciphertext as associated data. */
export type SecretPlace = { table: string; column: string; rowId: string };

const aadOf = (place: SecretPlace) => Buffer.from(`${place.table}.${place.column}:${place.rowId}`, 'utf8');

/**
 * Seals `plain` for `place` with the current key.
 * @returns the sealed text to store (about 4/3 × the plaintext + 60 characters).
 */
export function sealSecret(plain: string, place: SecretPlace): string {
  const [current] = getEnv().encryptionKeys;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', current.key, nonce);
  cipher.setAAD(aadOf(place));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}.${current.id}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
}

/**
 * Opens a value sealed by {@link sealSecret} for the same `place`, with whichever configured key
 * sealed it.
 * @throws SecretError when the value is not sealed, its key is not configured, or it was altered or
 *   sealed for another place. The message never contains the value.
 */
export function openSecret(sealed: string, place: SecretPlace): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) throw new SecretError(`${place.table}.${place.column} of ${place.rowId} is not sealed`);
  const key = getEnv().encryptionKeys.find((k) => k.id === parts[1]);
  if (!key)
    throw new SecretError(
      `${place.table}.${place.column} of ${place.rowId} is sealed with key "${parts[1]}", which ENCRYPTION_KEYS does not hold`,
    );
  const nonce = Buffer.from(parts[2], 'base64url');
  const body = Buffer.from(parts[3], 'base64url');
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES)
    throw new SecretError(`${place.table}.${place.column} of ${place.rowId} is malformed`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, nonce);
    decipher.setAAD(aadOf(place));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError(`${place.table}.${place.column} of ${place.rowId} does not open: altered, or sealed for another row`);
  }
}

/** Whether a stored value is sealed with a key other than the current one (or not sealed at all): it needs resealing. */
export function needsReseal(stored: string): boolean {
  const parts = stored.split('.');
  return parts.length !== 4 || parts[0] !== PREFIX || parts[1] !== getEnv().encryptionKeys[0].id;
}

/** Whether a stored value is sealed at all (values written before encryption are not). */
export function isSealed(stored: string): boolean {
  const parts = stored.split('.');
  return parts.length === 4 && parts[0] === PREFIX;
}
