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

/**
 * What a property answers, and which service accounts (`client_email`) were added as its Viewers:
 * any other account is refused (PERMISSION_DENIED), as Google refuses it.
 */
export type PropertyScenario =
  { kind: 'ok'; currency: string; rows: Ga4Row[]; viewers: string[] } | { kind: 'unavailable'; viewers: string[] };

type RecordedRequest = { property: string; account: string; body: Record<string, unknown> };

const SCOPE = 'https://www.googleapis.com/auth/analytics.readonly';

/** A fresh service account named `name`: its JSON key, as an organization pastes it. */
export function testServiceAccountJson(name = 'reachboard-reader'): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return JSON.stringify({
    type: 'service_account',
    project_id: 'reachboard-tests',
    client_email: `${name}@reachboard-tests.iam.gserviceaccount.com`,
    private_key: privateKey,
  });
}

/** A service account's `client_email` and public key, as Google knows every account's keys. */
function publicAccount(serviceAccountJson: string): { clientEmail: string; publicKey: KeyObject } {
  const account = JSON.parse(serviceAccountJson) as { client_email: string; private_key: string };
  return { clientEmail: account.client_email, publicKey: createPublicKey(account.private_key) };
}

/**
 * Starts the fake (on `port`, or a free one) knowing the service accounts in `serviceAccounts`
 * (their JSON keys; one fresh account by default; more with `trust`). With `control`,
 * `PUT /__fake/properties/<id>` sets what a property answers (for a fake running in another
 * process, as the end-to-end tests use it).
 */
export async function startFakeGa4(options: { pageCap?: number; port?: number; serviceAccounts?: string[]; control?: boolean } = {}) {
  const serviceAccounts = options.serviceAccounts ?? [testServiceAccountJson()];
  const keys = new Map<string, KeyObject>();
  const trust = (json: string) => {
    const { clientEmail, publicKey } = publicAccount(json);
    keys.set(clientEmail, publicKey);
    return clientEmail;
  };
  serviceAccounts.forEach(trust);
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
      const caller = tokenIssuer(req.headers.authorization, keys);
      if (!caller)
        return googleError(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        );
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({ property: match[1], account: caller, body });
      const scenario = properties.get(match[1]);
      if (!scenario?.viewers.includes(caller))
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
    /** The first known account's JSON key and email. */
    serviceAccountJson: serviceAccounts[0],
    clientEmail: publicAccount(serviceAccounts[0]).clientEmail,
    /** Makes another service account known; returns its email. */
    trust,
    requests,
    /** Sets what a property answers. */
    setProperty(propertyId: string, scenario: PropertyScenario) {
      properties.set(propertyId, scenario);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The service account a bearer token is from: a JWT signed (RS256) by a known account's key, whose
 * issuer is that account, with the Analytics read-only scope, not expired. Null for anything else.
 */
function tokenIssuer(header: string | undefined, keys: Map<string, KeyObject>): string | null {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const parts = token?.split('.');
  if (!parts || parts.length !== 3) return null;
  const [h, p, signature] = parts;
  let claims: { iss?: string; scope?: string; exp?: number };
  try {
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return null;
  }
  const publicKey = claims.iss ? keys.get(claims.iss) : undefined;
  if (!publicKey) return null;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${h}.${p}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, 'base64url'))) return null;
  return (claims.scope ?? '').split(' ').includes(SCOPE) && (claims.exp ?? 0) * 1000 > Date.now() ? claims.iss! : null;
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
