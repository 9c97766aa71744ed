import { createHash } from 'node:crypto';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const DEV_SECRET = 'reachboard-development-secret-not-for-production-use';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /**
     * Proxies in front of the app that append to X-Forwarded-For (a load balancer: 1). 0 = the app is
     * reached directly and the connection's address is the client's.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * On a Postgres server, the longest any statement of the app's pool may run, in ms: a page or
     * job fails with the reason instead of waiting without a bound. 0 = not sent (the server's or
     * the role's own setting applies). Imports and exports set their own
     * (IMPORT_STATEMENT_TIMEOUT_MS; 5 min for export cursors).
     */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
    /** On a Postgres server, the longest a statement of the app's pool waits for a lock another transaction holds (ms; 0 = not sent). */
    DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    /** How long an import's statement may wait for a row another transaction holds before the job fails (resumable), in ms. */
    IMPORT_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    /** The longest one statement of an import may run before the job fails (resumable), in ms. */
    IMPORT_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
    /** On SIGTERM, the longest the process waits for running work (an import's batch) before exiting. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
    /** Without an Inngest server, run the scheduled functions in this process (inngest/embedded.ts); `false` turns that off. */
    EMBEDDED_SCHEDULER: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    PGLITE_DIR: z.string().min(1).default('./.data/pglite'),
    NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)').optional(),
    /**
     * Keys sealing secrets at rest (lib/crypto/secret-box.ts): `<id>:<base64 of 32 random bytes>`,
     * comma-separated, the first one used for new values, every one for reading. Required in production.
     */
    ENCRYPTION_KEYS: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v?.trim()) return undefined;
        const keys: { id: string; key: Buffer }[] = [];
        for (const [i, entry] of v.split(',').entries()) {
          const [id, b64, extra] = entry.trim().split(':');
          const key = b64 ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
          if (extra !== undefined || !/^[a-z0-9]{1,16}$/.test(id ?? '') || key.length !== 32) {
            ctx.addIssue({
              code: 'custom',
              message: `entry ${i + 1} must be <id>:<key>, the id 1–16 lower-case letters or digits and the key 32 bytes in base64 (\`openssl rand -base64 32\`)`,
            });
            return z.NEVER;
          }
          if (keys.some((k) => k.id === id)) {
            ctx.addIssue({ code: 'custom', message: `names key "${id}" twice` });
            return z.NEVER;
          }
          keys.push({ id, key });
        }
        return keys;
      }),
    NEXTAUTH_URL: z.string().url('must be a full URL such as http://localhost:3000').optional(),
    /** The port `next dev` / `next start` listen on (Next reads it too); without NEXTAUTH_URL, links point at it. */
    PORT: z.coerce.number().int().min(1, 'must be a port number (1–65535)').max(65_535, 'must be a port number (1–65535)').default(3000),
    RESEND_API_KEY: z.string().min(1).optional(),
    /** Resend's API base URL (tests point it at a local fake server). */
    RESEND_BASE_URL: z.string().url().optional(),
    /** First delay before retrying a transient email failure, in milliseconds (doubles each time). */
    EMAIL_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(500),
    EMAIL_FROM: z.string().min(3).default('Reachboard <no-reply@reachboard.local>'),
    DEV_MAILBOX: booleanFlag,
    /** Load the demo data (published logins) into an empty database at start. `npm run dev` always does. */
    DEMO_DATA: booleanFlag,
    /** Uploads not imported within this many hours are deleted by the hourly cleanup. */
    UPLOAD_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    /** Per organization: the most its uploads waiting for an import may hold together, in MB. */
    UPLOAD_QUOTA_MB: z.coerce.number().int().min(1).default(1024),
    /** YouTube Data API v3 key; without it the YouTube connector is "not configured". */
    YOUTUBE_API_KEY: z.string().min(1).optional(),
    /** Daily YouTube quota budget in units (Google's default allocation is 10,000). */
    YOUTUBE_DAILY_QUOTA: z.coerce.number().int().min(1).default(10_000),
    /** Base URLs of the platform APIs (tests point them at a local fake server). */
    YOUTUBE_API_BASE_URL: z.string().url().default('https://youtube.googleapis.com/'),
    DAILYMOTION_API_BASE_URL: z.string().url().default('https://api.dailymotion.com'),
    /** The GA4 Data API's base URL (tests point it at a local fake server). */
    GA4_API_BASE_URL: z.string().url().default('https://analyticsdata.googleapis.com'),
    /** A Twitch application's credentials (dev.twitch.tv → Console): Twitch channels are tracked with its app token. Both or neither. */
    TWITCH_CLIENT_ID: z.string().min(1).optional(),
    TWITCH_CLIENT_SECRET: z.string().min(1).optional(),
    /**
     * A Meta app with the Instagram product ("API setup with Instagram login"): its Instagram app id
     * and secret. Creators connect Instagram professional accounts with them. Both or neither.
     */
    INSTAGRAM_APP_ID: z.string().min(1).optional(),
    INSTAGRAM_APP_SECRET: z.string().min(1).optional(),
    /** Instagram's authorization page, token host and Graph API host (tests point them at a local fake). */
    INSTAGRAM_AUTHORIZE_URL: z.string().url().default('https://www.instagram.com/oauth/authorize'),
    INSTAGRAM_OAUTH_BASE_URL: z.string().url().default('https://api.instagram.com'),
    INSTAGRAM_GRAPH_BASE_URL: z.string().url().default('https://graph.instagram.com'),
    /** A TikTok for Developers app (Login Kit + Display API): its client key and secret. Both or neither. */
    TIKTOK_CLIENT_KEY: z.string().min(1).optional(),
    TIKTOK_CLIENT_SECRET: z.string().min(1).optional(),
    /** TikTok's authorization page and API host (tests point them at a local fake). */
    TIKTOK_AUTHORIZE_URL: z.string().url().default('https://www.tiktok.com/v2/auth/authorize/'),
    TIKTOK_API_BASE_URL: z.string().url().default('https://open.tiktokapis.com'),
    /**
     * A Google OAuth client (Google Cloud console → APIs & Services → Credentials, "Web application")
     * with the YouTube Data and YouTube Analytics APIs enabled: creators connect YouTube channels
     * with it. Both or neither.
     */
    GOOGLE_OAUTH_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
    /** Google's authorization, token and revocation endpoints and the YouTube Analytics API host (tests point them at a local fake). */
    GOOGLE_OAUTH_AUTH_URL: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
    GOOGLE_OAUTH_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
    GOOGLE_OAUTH_REVOKE_URL: z.string().url().default('https://oauth2.googleapis.com/revoke'),
    YOUTUBE_ANALYTICS_BASE_URL: z.string().url().default('https://youtubeanalytics.googleapis.com/'),
    /** Keep uploads and export files in this S3-compatible bucket instead of the database (lib/storage). */
    FILE_STORE_S3_BUCKET: z.string().min(3).max(63).optional(),
    /** Key prefix inside the bucket, e.g. `reachboard/` (several deployments may share a bucket). */
    FILE_STORE_S3_PREFIX: z.string().max(200).default(''),
    FILE_STORE_S3_REGION: z.string().min(1).default('us-east-1'),
    /** An S3-compatible endpoint (MinIO, Cloudflare R2, …); absent: AWS. */
    FILE_STORE_S3_ENDPOINT: z.string().url().optional(),
    FILE_STORE_S3_FORCE_PATH_STYLE: booleanFlag,
    /** Both or neither; neither: the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, profile, instance role). */
    FILE_STORE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    FILE_STORE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** The query parameter carrying the click id to a tracking link's destination (lib/tracking). */
    CLICK_ID_PARAM: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'must be a query parameter name: a letter, then letters, digits, _ or - (at most 40)')
      .default('rb_click'),
    /** A host serving only tracking links (`https://go.example.com/<key>`); links also work at `<app>/l/<key>`. */
    SHORT_LINK_HOST: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name such as go.example.com (no scheme, no path)')
      .optional(),
    /** The request header a proxy or CDN sets to the visitor's country (`cf-ipcountry`, `x-vercel-ip-country`); absent: not recorded. */
    CLICK_COUNTRY_HEADER: z
      .string()
      .regex(/^[a-z0-9-]+$/i, 'must be a header name')
      .transform((v) => v.toLowerCase())
      .optional(),
    /** The longest a click waits in memory before it is written, in ms (clicks are written in batches). */
    CLICK_FLUSH_MS: z.coerce.number().int().min(50).max(10_000).default(1_000),
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_DEV: z.string().optional(),
    /** The origin Inngest calls back (default NEXTAUTH_URL's); never taken from a request's Host header. */
    INNGEST_SERVE_ORIGIN: z.string().url().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_SECRET'],
        message: 'is required in production (generate one with `openssl rand -base64 32`)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.ENCRYPTION_KEYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEYS'],
        message: 'is required in production: `k1:` followed by 32 random bytes in base64 (`echo "k1:$(openssl rand -base64 32)"`)',
      });
    }
    if (Boolean(env.FILE_STORE_S3_ACCESS_KEY_ID) !== Boolean(env.FILE_STORE_S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.FILE_STORE_S3_ACCESS_KEY_ID ? 'FILE_STORE_S3_SECRET_ACCESS_KEY' : 'FILE_STORE_S3_ACCESS_KEY_ID'],
        message: 'is required with the other FILE_STORE_S3_ key (set both, or neither to use the AWS default credentials)',
      });
    }
    if (Boolean(env.TWITCH_CLIENT_ID) !== Boolean(env.TWITCH_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TWITCH_CLIENT_ID ? 'TWITCH_CLIENT_SECRET' : 'TWITCH_CLIENT_ID'],
        message: 'is required with the other TWITCH_CLIENT_ variable (set both, or neither to leave Twitch off)',
      });
    }
    if (Boolean(env.INSTAGRAM_APP_ID) !== Boolean(env.INSTAGRAM_APP_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.INSTAGRAM_APP_ID ? 'INSTAGRAM_APP_SECRET' : 'INSTAGRAM_APP_ID'],
        message: 'is required with the other INSTAGRAM_APP_ variable (set both, or neither to leave Instagram off)',
      });
    }
    if (Boolean(env.TIKTOK_CLIENT_KEY) !== Boolean(env.TIKTOK_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TIKTOK_CLIENT_KEY ? 'TIKTOK_CLIENT_SECRET' : 'TIKTOK_CLIENT_KEY'],
        message: 'is required with the other TIKTOK_CLIENT_ variable (set both, or neither to leave TikTok off)',
      });
    }
    if (Boolean(env.GOOGLE_OAUTH_CLIENT_ID) !== Boolean(env.GOOGLE_OAUTH_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.GOOGLE_OAUTH_CLIENT_ID ? 'GOOGLE_OAUTH_CLIENT_SECRET' : 'GOOGLE_OAUTH_CLIENT_ID'],
        message: 'is required with the other GOOGLE_OAUTH_CLIENT_ variable (set both, or neither to leave YouTube connections off)',
      });
    }
    for (const name of ['FILE_STORE_S3_ENDPOINT', 'FILE_STORE_S3_ACCESS_KEY_ID'] as const)
      if (env[name] && !env.FILE_STORE_S3_BUCKET)
        ctx.addIssue({ code: 'custom', path: ['FILE_STORE_S3_BUCKET'], message: `is required when ${name} is set` });
  });

export type Env = z.infer<typeof envSchema> & {
  NEXTAUTH_SECRET: string;
  appUrl: string;
  mailboxEnabled: boolean;
  /** ENCRYPTION_KEYS, the current key first; outside production without it, one development key. */
  encryptionKeys: { id: string; key: Buffer }[];
};

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super(
      'Invalid environment configuration:\n' +
        issues.map((i) => `  - ${i.path.join('.') || '(root)'} ${i.message}`).join('\n') +
        '\nSee .env.example for working values.',
    );
    this.name = 'EnvError';
  }
}

let cached: Env | undefined;

/**
 * Parses and validates process.env once; later calls return the same object.
 * @throws EnvError naming every missing or malformed variable.
 */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' && k !== 'DATABASE_URL' ? undefined : v])),
  );
  if (!parsed.success) throw new EnvError(parsed.error.issues);
  const env = parsed.data;
  const result: Env = {
    ...env,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? DEV_SECRET,
    appUrl: (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    // The mailbox shows password-reset links: only ever in development, or when explicitly enabled.
    mailboxEnabled: !env.RESEND_API_KEY && (env.NODE_ENV !== 'production' || env.DEV_MAILBOX),
    encryptionKeys: env.ENCRYPTION_KEYS ?? [{ id: 'dev', key: createHash('sha256').update(DEV_SECRET).digest() }],
  };
  if (source === process.env) cached = result;
  return result;
}
