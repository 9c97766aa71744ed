import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';

// A stand-in for the Inngest dev server: records what a sync registers.
const registered: { url: string }[] = [];
const fake = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url?.startsWith('/fn/register')) registered.push(JSON.parse(body));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, modified: true }));
  });
});

await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
process.env.INNGEST_DEV = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
process.env.NEXTAUTH_URL = 'https://app.reachboard.example';
afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));

describe('/api/inngest sync', () => {
  it('registers the configured origin, whatever Host the request carries', async () => {
    const { PUT } = await import('@/app/api/inngest/route');
    const { NextRequest } = await import('next/server');
    const forged = new NextRequest('http://evil.example/api/inngest', {
      method: 'PUT',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    });
    const res = await PUT(forged, undefined);
    expect(res.status).toBe(200);
    expect(registered.map((r) => r.url)).toEqual(['https://app.reachboard.example/api/inngest']);
  });
});
