/**
 * `tsx scripts/pg-test-db.ts create|drop <name>`: creates or drops a throwaway database on the
 * Postgres server of PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres), for CI.
 */
import postgres from 'postgres';

const [action, name] = process.argv.slice(2);
if (!['create', 'drop'].includes(action) || !/^[a-z0-9_]+$/.test(name ?? '')) {
  console.error('Usage: tsx scripts/pg-test-db.ts create|drop <name of [a-z0-9_]+>');
  process.exit(2);
}
const sql = postgres(process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
try {
  if (action === 'create') await sql.unsafe(`create database ${name}`);
  else await sql.unsafe(`drop database if exists ${name} with (force)`);
  console.log(`${action === 'create' ? 'Created' : 'Dropped'} database ${name}.`);
} finally {
  await sql.end({ timeout: 5 });
}
