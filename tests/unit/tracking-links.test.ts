import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { destinationOf, fillUtmTemplate, linkState, newLinkKey, STANDARD_UTM_TEMPLATE } from '@/lib/links/internal';
import { linkKeyOf } from '@/lib/links/serve-links';
import { countryOf, deviceClass, isBotAgent, referrerHost, visitorHash } from '@/lib/links/visitor';

describe('tracking link helpers', () => {
  it('fills the standard UTM template with URL-safe values', () => {
    expect(
      fillUtmTemplate(STANDARD_UTM_TEMPLATE, { platform: 'instagram', campaign: 'Été Trail Launch 2026!', influencer: 'Ana Lima' }),
    ).toEqual({
      utmSource: 'instagram',
      utmMedium: 'influencer',
      utmCampaign: 'ete-trail-launch-2026',
      utmContent: 'ana-lima',
    });
  });

  it('adds UTM parameters and the click id, replacing ones of the same name and keeping others', () => {
    const url = destinationOf(
      {
        destinationUrl: 'https://shop.example/p?utm_source=old&size=42#reviews',
        utmSource: 'youtube',
        utmMedium: 'influencer',
        utmCampaign: null,
        utmContent: null,
      },
      '3f2a1c9e-0000-4000-8000-000000000001',
      'rb_click',
    );
    expect(url).toBe(
      'https://shop.example/p?utm_source=youtube&size=42&utm_medium=influencer&rb_click=3f2a1c9e-0000-4000-8000-000000000001#reviews',
    );
  });

  it('reads the key from /l/<key> on any host and /<key> only on the short-link host', () => {
    expect(linkKeyOf('/l/Ab3dEf7h?x=1', 'app.example', undefined)).toBe('Ab3dEf7h');
    expect(linkKeyOf('/Ab3dEf7h', 'go.example', 'go.example')).toBe('Ab3dEf7h');
    expect(linkKeyOf('/Ab3dEf7h', 'app.example', 'go.example')).toBeNull();
    expect(linkKeyOf('/l/a/b', 'app.example', undefined)).toBeNull();
    expect(linkKeyOf('/links', 'app.example', undefined)).toBeNull();
  });

  it('makes 8-character keys without look-alike characters', () => {
    const keys = new Set(Array.from({ length: 1000 }, newLinkKey));
    expect(keys.size).toBe(1000);
    for (const k of keys) expect(k).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{8}$/);
  });

  it('says when a link is off or expired', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(linkState({ disabledAt: null, expiresAt: null }, now)).toBe('active');
    expect(linkState({ disabledAt: null, expiresAt: new Date('2026-12-01T00:00:00Z') }, now)).toBe('expired');
    expect(linkState({ disabledAt: new Date('2026-11-01'), expiresAt: null }, now)).toBe('disabled');
  });

  it("computes the visitor hash as HMAC-SHA256 under the day's salt, for any text length and across days", () => {
    const reference = (secret: string, ip: string, userAgent: string, day: string) => {
      const salt = createHmac('sha256', secret).update(`reachboard-click-salt:${day}`).digest();
      return createHmac('sha256', salt).update(`${ip}\n${userAgent}`).digest('base64url').slice(0, 22);
    };
    const instagram =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98';
    const cases: [string, string, string, string][] = [
      ['secret', '203.0.113.9', instagram, '2026-12-01T10:00:00Z'],
      // A longer text, then a shorter one: nothing of the first is hashed with the second.
      ['secret', '2001:db8::1', 'x'.repeat(1_000), '2026-12-01T23:59:59.999Z'],
      ['secret', '203.0.113.9', 'UA', '2026-12-01T12:00:00Z'],
      ['secret', '203.0.113.9', 'Ünïcödé агент 浏览器', '2026-12-02T00:00:00Z'],
      ['other-secret', '203.0.113.9', 'UA', '2026-12-02T00:00:00Z'],
      ['other-secret', '', '', '1999-12-31T23:59:59Z'],
    ];
    for (const [secret, ip, userAgent, at] of cases)
      expect(visitorHash(secret, ip, userAgent, new Date(at))).toBe(reference(secret, ip, userAgent, at.slice(0, 10)));
  });

  it('hashes a visitor per day without keeping the address, and classifies the user agent', () => {
    const day1 = new Date('2026-12-01T10:00:00Z');
    const a = visitorHash('secret', '203.0.113.9', 'UA', day1);
    expect(a).toHaveLength(22);
    expect(visitorHash('secret', '203.0.113.9', 'UA', new Date('2026-12-01T23:59:59Z'))).toBe(a);
    expect(visitorHash('secret', '203.0.113.9', 'UA', new Date('2026-12-02T00:00:00Z'))).not.toBe(a);
    expect(visitorHash('secret', '203.0.113.10', 'UA', day1)).not.toBe(a);
    expect(
      deviceClass(
        'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('tablet');
    expect(
      deviceClass(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 musical_ly_2023',
      ),
    ).toBe('mobile');
    expect(deviceClass('')).toBe('unknown');
    expect(isBotAgent('facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)')).toBe(true);
    expect(
      isBotAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98',
      ),
    ).toBe(false);
    expect(referrerHost('https://WWW.TikTok.com/@ana/video/1')).toBe('www.tiktok.com');
    expect(referrerHost('not a url')).toBeNull();
    expect([countryOf('de'), countryOf('XX'), countryOf('T1'), countryOf('Germany'), countryOf(undefined)]).toEqual([
      'DE',
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('shop amounts in minor units', () => {
  it('converts decimal strings exactly, by the currency’s exponent', async () => {
    const { decimalToMinor } = await import('@/lib/money');
    expect(decimalToMinor('129.90', 'USD')).toBe(12_990);
    expect(decimalToMinor('0.1', 'USD')).toBe(10);
    expect(decimalToMinor('1500', 'JPY')).toBe(1_500);
    expect(decimalToMinor('1500.50', 'JPY')).toBeNull();
    expect(decimalToMinor('12.345', 'KWD')).toBe(12_345);
    expect(decimalToMinor('19.999', 'USD')).toBeNull();
    expect(decimalToMinor('-5.00', 'USD')).toBeNull();
    expect(decimalToMinor('1,299.00', 'USD')).toBeNull();
    expect(decimalToMinor('10.00', 'NOPE')).toBeNull();
  });
});

describe('request bodies read up to a limit', () => {
  it('refuses a declared or streamed body over the limit, and reads one under it', async () => {
    const { readBodyLimited } = await import('@/lib/http');
    expect(await readBodyLimited(new Request('http://x/', { method: 'POST', body: '{"a":1}' }), 10)).toBe('{"a":1}');
    expect(await readBodyLimited(new Request('http://x/', { method: 'POST', body: 'x'.repeat(11) }), 10)).toBeNull();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(8).fill(120));
      },
    });
    // An endless body without Content-Length stops being read past the limit.
    expect(await readBodyLimited(new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit), 20)).toBeNull();
  });
});
