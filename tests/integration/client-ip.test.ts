import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, BAD_CREDENTIALS } from '@/lib/accounts/authenticate';
import { clientIp, installPeerAddressHeader, PEER_ADDRESS_HEADER } from '@/lib/auth/client-ip';
import { AppError } from '@/lib/errors';
import { createUser, PASSWORD, uniq } from '../factories';

// A real HTTP server with the header installed, as instrumentation.ts does under `next start`:
// it answers with the address rate limits would see, or signs in with the posted credentials.
let hops = 0;
const server = http.createServer(async (req, res) => {
  const ip = clientIp(req.headers as IncomingHttpHeaders as Record<string, string>, hops);
  if (req.url === '/ip') return res.end(ip ?? '(none)');
  const body = JSON.parse(
    await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c)).on('end', () => resolve(data));
    }),
  );
  try {
    await authenticate({ ctx: { actor: null, ip }, input: body });
    res.end('ok');
  } catch (error) {
    res.end(error instanceof AppError ? error.message : 'crash');
  }
});
let base = '';

beforeAll(async () => {
  installPeerAddressHeader(http.Server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers }).then((r) => r.text());
const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/sign-in`, { method: 'POST', headers, body: JSON.stringify({ email, password }) }).then((r) => r.text());

describe('client IP for rate limiting', () => {
  it('without trusted proxies is the connection address, whatever X-Forwarded-For or the peer header say', async () => {
    hops = 0;
    expect(await get('/ip')).toBe('127.0.0.1');
    expect(await get('/ip', { 'x-forwarded-for': '203.0.113.9' })).toBe('127.0.0.1');
    expect(await get('/ip', { [PEER_ADDRESS_HEADER]: '203.0.113.9', 'x-forwarded-for': '198.51.100.1, 203.0.113.9' })).toBe('127.0.0.1');
  });

  it('behind one proxy is the entry that proxy appended, however the client prefixes the header', async () => {
    hops = 1;
    expect(await get('/ip', { 'x-forwarded-for': '198.51.100.7' })).toBe('198.51.100.7');
    expect(await get('/ip', { 'x-forwarded-for': '203.0.113.9, 10.1.1.1, 198.51.100.7' })).toBe('198.51.100.7');
    hops = 2;
    expect(await get('/ip', { 'x-forwarded-for': '203.0.113.9, 198.51.100.7, 10.0.0.2' })).toBe('198.51.100.7');
    // Fewer entries than trusted hops: the left-most known address, never nothing.
    expect(await get('/ip', { 'x-forwarded-for': '198.51.100.7' })).toBe('198.51.100.7');
  });

  it('is unknown when the server did not stamp the peer address', () => {
    expect(clientIp({ 'x-forwarded-for': '203.0.113.9' }, 0)).toBeUndefined();
    expect(clientIp({ 'x-forwarded-for': '203.0.113.9' }, 1)).toBeUndefined();
  });

  it('rotating X-Forwarded-For does not reset the per-IP limit, and cannot lock out another address', async () => {
    hops = 1;
    const victim = await createUser('fan');
    // The attacker (198.51.100.66, behind our proxy) tries 30 unknown emails, rotating the header.
    for (let i = 0; i < 30; i++) {
      const answer = await signIn(`nobody-${uniq()}@test.example`, 'wrong passphrase', {
        'x-forwarded-for': `203.0.113.${i}, ${victim.email.length}.0.0.${i}, 198.51.100.66`,
      });
      expect(answer).toBe(BAD_CREDENTIALS);
    }
    const blocked = await signIn(victim.email, PASSWORD, { 'x-forwarded-for': '203.0.113.250, 198.51.100.66' });
    expect(blocked).toMatch(/^Too many failed sign-in attempts\. Try again in 1[45] minutes\.$/);
    // The victim, whose address the attacker put in the header, signs in from it.
    expect(await signIn(victim.email, PASSWORD, { 'x-forwarded-for': '203.0.113.5' })).toBe('ok');
  }, 60_000);
});
