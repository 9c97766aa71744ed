import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';

describe('password hashing', () => {
  it('uses scrypt with OWASP parameters and a fresh salt per hash', async () => {
    const [a, b] = await Promise.all([hashPassword('a long passphrase'), hashPassword('a long passphrase')]);
    const [algo, log2N, r, p, salt, key] = a.split('$');
    expect([algo, log2N, r, p]).toEqual(['scrypt', '17', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(a).not.toBe(b);
  });

  it('verifies the right password only, and refuses malformed hashes', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'plain-text')).toBe(false);
    expect(await verifyPassword('correct horse battery', 'bcrypt$1$2$3$4$5')).toBe(false);
  });

  it('treats Unicode-equivalent passwords as the same', async () => {
    const hash = await hashPassword('caf\u00e9 au lait please');
    expect(await verifyPassword('cafe\u0301 au lait please', hash)).toBe(true);
  });
});
