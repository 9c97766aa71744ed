// Checks the architecture rules that a type-check cannot: app/ never touches the database
// directly, and client components never import server-only modules.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const problems = [];
for (const file of [...files('app'), ...files('components')]) {
  const text = readFileSync(file, 'utf8');
  const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  if (file.startsWith('app') && imports.some((i) => i.startsWith('drizzle-orm') || i === '@/db' || i.startsWith('@/db/schema'))) {
    problems.push(`${file}: app/ must call a lib verb instead of querying the database`);
  }
  if (
    /^['"]use client['"]/.test(text) &&
    imports.some((i) => i === '@/db' || i.startsWith('@/lib/auth/request-context') || i === 'server-only')
  ) {
    problems.push(`${file}: a client component imports server-only code`);
  }
  if (file.startsWith('components/ui') && imports.some((i) => /^\.\.\/(?!ui\/)/.test(i) || /^@\/components\/(?!ui\/)/.test(i))) {
    problems.push(`${file}: a ui primitive imports a feature component`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('Boundaries OK.');
