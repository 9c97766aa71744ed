import { describe, expect, it } from 'vitest';
import { safeCallback } from '@/lib/auth/safe-callback';

const origin = 'https://app.reachboard.example';
// What the sign-in form reads from `?callbackUrl=` (URLSearchParams decodes it).
const decoded = (query: string) => new URLSearchParams(query).get('callbackUrl');

describe('the page after sign-in', () => {
  it.each([
    ['callbackUrl=/%5Cevil.example', '/home'],
    ['callbackUrl=/%09/evil.example/x', '/home'],
    ['callbackUrl=/\\/evil.example', '/home'],
    ['callbackUrl=//evil.example', '/home'],
    ['callbackUrl=https://evil.example/o/x', '/home'],
    ['callbackUrl=javascript:alert(1)', '/home'],
    ['callbackUrl=', '/home'],
    ['callbackUrl=/o/northwind%3Ftab%3Dposts', '/o/northwind?tab=posts'],
    ['callbackUrl=https://app.reachboard.example/inbox/42', '/inbox/42'],
    ['callbackUrl=/invitations/abc%23x', '/invitations/abc#x'],
  ])('%s → %s', (query, expected) => expect(safeCallback(decoded(query), origin)).toBe(expected));

  it('without a callback goes home', () => expect(safeCallback(null, origin)).toBe('/home'));
});
