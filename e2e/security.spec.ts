import { expect, test } from '@playwright/test';

test.describe('response headers', () => {
  test('every page carries a nonce-based Content-Security-Policy that its own scripts satisfy', async ({ request }) => {
    const first = await request.get('/sign-in');
    const second = await request.get('/sign-in');
    const csp = first.headers()['content-security-policy'];
    const nonce = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    // A fresh nonce per response, and every script tag of the page carries it.
    expect(second.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    expect(first.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(first.headers()['x-frame-options']).toBe('DENY');
    expect(first.headers()['x-content-type-options']).toBe('nosniff');
  });
});
