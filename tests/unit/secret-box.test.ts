import { describe, expect, it } from 'vitest';
import { isSealed, needsReseal, openSecret, sealSecret, SecretError } from '@/lib/crypto/secret-box';
import { getEnv } from '@/lib/env';

const place = { table: 'shop_webhooks', column: 'signing_secret', rowId: '7b3c6a4e-0f61-4a8e-9d7f-5c2b1e0a9d11' };
const SECRET = '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';

describe('secrets sealed at rest (AES-256-GCM)', () => {
  it('opens what it sealed, and never stores the same text twice for one secret', () => {
    const a = sealSecret(SECRET, place);
    const b = sealSecret(SECRET, place);
    expect(a).toMatch(/^rb1\.dev\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b); // a fresh nonce per value
    expect(a).not.toContain(SECRET);
    expect(openSecret(a, place)).toBe(SECRET);
    expect(openSecret(b, place)).toBe(SECRET);
    expect([isSealed(a), isSealed(SECRET), needsReseal(a), needsReseal(SECRET)]).toEqual([true, false, false, true]);
  });

  it('refuses a value moved to another row or column, or altered, without repeating it', () => {
    const sealed = sealSecret(SECRET, place);
    const attempts = [
      () => openSecret(sealed, { ...place, rowId: '00000000-0000-4000-8000-000000000000' }),
      () => openSecret(sealed, { ...place, column: 'name' }),
      () => openSecret(`${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'AB' : 'AA'}`, place),
      () => openSecret(SECRET, place),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(SecretError);
      try {
        attempt();
      } catch (e) {
        expect((e as Error).message).not.toContain(SECRET);
      }
    }
    expect(attempts[0]).toThrow(
      'shop_webhooks.signing_secret of 00000000-0000-4000-8000-000000000000 does not open: altered, or sealed for another row',
    );
    expect(attempts[3]).toThrow(`shop_webhooks.signing_secret of ${place.rowId} is not sealed`);
  });

  it('rotates: a new key in front seals new values, the old one still opens old values until it is dropped', () => {
    const keys = getEnv().encryptionKeys;
    const old = sealSecret(SECRET, place);
    keys.unshift({ id: 'k2', key: Buffer.alloc(32, 9) });
    try {
      expect(needsReseal(old)).toBe(true);
      const fresh = sealSecret(SECRET, place);
      expect(fresh.startsWith('rb1.k2.')).toBe(true);
      expect([openSecret(old, place), openSecret(fresh, place)]).toEqual([SECRET, SECRET]);
      const dropped = keys.splice(1, 1);
      expect(() => openSecret(old, place)).toThrow(
        `shop_webhooks.signing_secret of ${place.rowId} is sealed with key "dev", which ENCRYPTION_KEYS does not hold`,
      );
      keys.push(...dropped);
    } finally {
      keys.splice(0, keys.length, ...keys.filter((k) => k.id === 'dev'));
    }
  });
});
