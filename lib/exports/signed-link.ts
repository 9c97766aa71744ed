import { createHmac, timingSafeEqual } from 'node:crypto';
import { getEnv } from '../env';

/** How long a background export's download link works. */
export const EXPORT_LINK_TTL_MS = 24 * 60 * 60 * 1000;

function signature(exportId: string, expires: number): string {
  // A key of its own, derived from the app secret, so these signatures mean nothing elsewhere.
  const key = createHmac('sha256', getEnv().NEXTAUTH_SECRET).update('reachboard:export-link').digest();
  return createHmac('sha256', key).update(`${exportId}.${expires}`).digest('base64url');
}

/**
 * The download path of a background export, signed with HMAC-SHA256 over its id and expiry
 * (`expires`, seconds since the epoch), e.g. `/api/exports/<id>?expires=1795300000&signature=…`.
 */
export function signedExportPath(exportId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `/api/exports/${exportId}?expires=${expires}&signature=${signature(exportId, expires)}`;
}

/**
 * Checks a download link's signature (constant time) and expiry.
 * @returns 'valid', 'expired' (a genuine link past its time) or 'invalid' (tampered or malformed).
 */
export function checkExportSignature(exportId: string, expires: string, given: string, now = new Date()): 'valid' | 'expired' | 'invalid' {
  if (!/^\d{1,12}$/.test(expires)) return 'invalid';
  const expected = Buffer.from(signature(exportId, Number(expires)));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return 'invalid';
  return Number(expires) * 1000 <= now.getTime() ? 'expired' : 'valid';
}
