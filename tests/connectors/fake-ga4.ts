import { createPublicKey, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Google Analytics Data API v1beta `properties/{id}:runReport`
 * (https://developers.google.com/analytics/devguides/reporting/data/v1/rest/v1beta/properties/runReport),
 * shaped like its documented responses and errors. It checks the bearer token the way Google does
 * for a service account's self-signed JWT: RS256 signature by the account's key, issuer, scope,
 * expiry. Supports the request parts Reachboard sends: dimensions and metrics by name, an
 * `inListFilter` on one dimension, `limit`/`offset` paging (pages capped at `pageCap` rows).
 */

export type Ga4Row = {
  date: string; // YYYYMMDD, as GA4 answers the `date` dimension
  sessionCampaignName: string;
  sessionSource: string;
  sessionManualAdContent: string;
  sessions: string;
  keyEvents: string;
  totalRevenue: string;
};

export type PropertyScenario = { kind: 'ok'; currency: string; rows: Ga4Row[] } | { kind: 'denied' } | { kind: 'unavailable' };

type RecordedRequest = { property: string; body: Record<string, unknown> };

const SCOPE = 'https://www.googleapis.com/auth/analytics.readonly';

/** A fresh service account for the fake: its JSON key (what GA4_SERVICE_ACCOUNT_JSON holds). */
export function testServiceAccountJson(): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return JSON.stringify({
    type: 'service_account',
    project_id: 'reachboard-tests',
    client_email: 'reachboard-reader@reachboard-tests.iam.gserviceaccount.com',
    private_key: privateKey,
  });
}

/**
 * Starts the fake (on `port`, or a free one) trusting the service account in `serviceAccountJson`
 * (a fresh one by default). With `control`, `PUT /__fake/properties/<id>` sets what a property
 * answers (for a fake running in another process, as the end-to-end tests use it).
 */
export async function startFakeGa4(options: { pageCap?: number; port?: number; serviceAccountJson?: string; control?: boolean } = {}) {
  const serviceAccountJson = options.serviceAccountJson ?? testServiceAccountJson();
  const account = JSON.parse(serviceAccountJson) as { client_email: string; private_key: string };
  const publicKey = createPublicKey(account.private_key);
  const clientEmail = account.client_email;
  const properties = new Map<string, PropertyScenario>();
  const requests: RecordedRequest[] = [];
  const pageCap = options.pageCap ?? 250_000;

  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    const googleError = (code: number, status: string, message: string) => send(code, { error: { code, message, status } });
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const control = /^\/__fake\/properties\/(\d+)$/.exec(req.url ?? '');
      if (options.control && control && req.method === 'PUT') {
        properties.set(control[1], JSON.parse(raw) as PropertyScenario);
        return send(200, { ok: true });
      }
      if (options.control && req.url === '/__fake/health') return send(200, { ok: true });
      const match = /^\/v1beta\/properties\/(\d+):runReport(\?.*)?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return googleError(404, 'NOT_FOUND', `Method not found: ${req.method} ${req.url}`);
      if (!validToken(req.headers.authorization, publicKey, clientEmail))
        return googleError(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        );
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({ property: match[1], body });
      const scenario = properties.get(match[1]);
      if (!scenario || scenario.kind === 'denied')
        return googleError(
          403,
          'PERMISSION_DENIED',
          'User does not have sufficient permissions for this property. To learn more about Property ID, see https://developers.google.com/analytics/devguides/reporting/data/v1/property-id.',
        );
      if (scenario.kind === 'unavailable') return googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
      send(200, report(body, scenario.rows, scenario.currency, pageCap));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serviceAccountJson,
    clientEmail,
    requests,
    /** Sets what a property answers. */
    setProperty(propertyId: string, scenario: PropertyScenario) {
      properties.set(propertyId, scenario);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function validToken(header: string | undefined, publicKey: KeyObject, clientEmail: string): boolean {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const parts = token?.split('.');
  if (!parts || parts.length !== 3) return false;
  const [h, p, signature] = parts;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${h}.${p}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { iss?: string; scope?: string; exp?: number };
  return claims.iss === clientEmail && (claims.scope ?? '').split(' ').includes(SCOPE) && (claims.exp ?? 0) * 1000 > Date.now();
}

function report(body: Record<string, unknown>, rows: Ga4Row[], currency: string, pageCap: number) {
  const dimensions = (body.dimensions as { name: string }[]) ?? [];
  const metrics = (body.metrics as { name: string }[]) ?? [];
  const filter = (body.dimensionFilter as { filter?: { fieldName: string; inListFilter?: { values: string[]; caseSensitive?: boolean } } })
    ?.filter;
  let selected = rows;
  if (filter?.inListFilter) {
    const sensitive = filter.inListFilter.caseSensitive ?? false;
    const values = new Set(filter.inListFilter.values.map((v) => (sensitive ? v : v.toLowerCase())));
    selected = rows.filter((r) => {
      const v = String(r[filter.fieldName as keyof Ga4Row] ?? '');
      return values.has(sensitive ? v : v.toLowerCase());
    });
  }
  const offset = Number(body.offset ?? 0);
  const limit = Math.min(Number(body.limit ?? 10_000), pageCap);
  const page = selected.slice(offset, offset + limit);
  return {
    dimensionHeaders: dimensions.map((d) => ({ name: d.name })),
    metricHeaders: metrics.map((m) => ({
      name: m.name,
      // The client asks for `enum-encoding=int`: MetricType TYPE_CURRENCY = 9, TYPE_FLOAT = 2, TYPE_INTEGER = 1.
      type: m.name === 'totalRevenue' ? 9 : m.name === 'keyEvents' ? 2 : 1,
    })),
    ...(page.length
      ? {
          rows: page.map((r) => ({
            dimensionValues: dimensions.map((d) => ({ value: r[d.name as keyof Ga4Row] })),
            metricValues: metrics.map((m) => ({ value: r[m.name as keyof Ga4Row] })),
          })),
        }
      : {}),
    rowCount: selected.length,
    metadata: { currencyCode: currency, timeZone: 'America/New_York' },
    kind: 'analyticsData#runReport',
  };
}
