import { describe, expect, it } from 'vitest';
import { EnvError, getEnv } from '@/lib/env';

describe('environment validation', () => {
  it('starts with nothing set: embedded database, development secret, mailbox on', () => {
    const env = getEnv({ NODE_ENV: 'development' } as NodeJS.ProcessEnv);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe('./.data/pglite');
    expect(env.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.appUrl).toBe('http://localhost:3000');
    expect(env.mailboxEnabled).toBe(true);
  });

  it('points links at the port the server listens on when NEXTAUTH_URL is not set', () => {
    expect(getEnv({ NODE_ENV: 'development', PORT: '3100' } as NodeJS.ProcessEnv).appUrl).toBe('http://localhost:3100');
    expect(getEnv({ NODE_ENV: 'development', PORT: '3100', NEXTAUTH_URL: 'https://rb.example.com/' } as NodeJS.ProcessEnv).appUrl).toBe(
      'https://rb.example.com',
    );
    expect(() => getEnv({ NODE_ENV: 'development', PORT: '70000' } as NodeJS.ProcessEnv)).toThrow('PORT must be a port number (1–65535)');
  });

  it('names each bad variable', () => {
    const error = (() => {
      try {
        getEnv({ NODE_ENV: 'production', DATABASE_URL: 'mysql://x', NEXTAUTH_URL: 'localhost' } as NodeJS.ProcessEnv);
      } catch (e) {
        return e as EnvError;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect(error!.message).toContain('DATABASE_URL must start with postgres:// or postgresql://');
    expect(error!.message).toContain('NEXTAUTH_URL must be a full URL');
    expect(error!.message).toContain('NEXTAUTH_SECRET is required in production');
    expect(error!.message).toContain('ENCRYPTION_KEYS is required in production');
  });

  it('takes encryption keys as <id>:<32 bytes in base64>, the first current; outside production a development key', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    const env = getEnv({ NODE_ENV: 'development', ENCRYPTION_KEYS: `k2:${k2}, k1:${k1}` } as NodeJS.ProcessEnv);
    expect(env.encryptionKeys.map((k) => [k.id, k.key.toString('base64')])).toEqual([
      ['k2', k2],
      ['k1', k1],
    ]);
    expect(getEnv({ NODE_ENV: 'development' } as NodeJS.ProcessEnv).encryptionKeys.map((k) => [k.id, k.key.length])).toEqual([['dev', 32]]);
    const message = (value: string) => {
      try {
        getEnv({ NODE_ENV: 'development', ENCRYPTION_KEYS: value } as NodeJS.ProcessEnv);
        return 'valid';
      } catch (e) {
        return (e as EnvError).message;
      }
    };
    const short = Buffer.alloc(16, 3).toString('base64');
    expect(message(`k1:${short}`)).toContain(
      'ENCRYPTION_KEYS entry 1 must be <id>:<key>, the id 1–16 lower-case letters or digits and the key 32 bytes in base64',
    );
    expect(message(`k1:${short}`)).not.toContain(short);
    expect(message(`K 1:${k1}`)).toContain('ENCRYPTION_KEYS entry 1 must be <id>:<key>');
    expect(message(`k1:${k1},k1:${k2}`)).toContain('ENCRYPTION_KEYS names key "k1" twice');
  });

  it('never enables the mailbox in production unless asked, nor when Resend sends for real', () => {
    const prod = {
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    };
    expect(getEnv({ ...prod } as NodeJS.ProcessEnv).mailboxEnabled).toBe(false);
    expect(getEnv({ ...prod, DEV_MAILBOX: 'true' } as NodeJS.ProcessEnv).mailboxEnabled).toBe(true);
    expect(getEnv({ NODE_ENV: 'development', RESEND_API_KEY: 're_123' } as NodeJS.ProcessEnv).mailboxEnabled).toBe(false);
  });

  it('takes the S3 file store keys both or neither, and a bucket for them; shutdown and scheduler settings', () => {
    const message = (source: Record<string, string>) => {
      try {
        getEnv({ NODE_ENV: 'development', ...source } as NodeJS.ProcessEnv);
        return 'valid';
      } catch (e) {
        return (e as EnvError).message;
      }
    };
    expect(message({ FILE_STORE_S3_BUCKET: 'files', FILE_STORE_S3_ACCESS_KEY_ID: 'AKIA' })).toContain(
      'FILE_STORE_S3_SECRET_ACCESS_KEY is required with the other FILE_STORE_S3_ key',
    );
    expect(message({ FILE_STORE_S3_ENDPOINT: 'http://minio:9000' })).toContain(
      'FILE_STORE_S3_BUCKET is required when FILE_STORE_S3_ENDPOINT is set',
    );
    expect(message({ FILE_STORE_S3_BUCKET: 'files', FILE_STORE_S3_ENDPOINT: 'http://minio:9000' })).toBe('valid');
    expect(
      getEnv({ NODE_ENV: 'development', SHUTDOWN_TIMEOUT_MS: '5000', EMBEDDED_SCHEDULER: 'false' } as NodeJS.ProcessEnv),
    ).toMatchObject({
      SHUTDOWN_TIMEOUT_MS: 5000,
      EMBEDDED_SCHEDULER: false,
    });
    expect(getEnv({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toMatchObject({
      SHUTDOWN_TIMEOUT_MS: 25_000,
      EMBEDDED_SCHEDULER: true,
    });
  });
});
