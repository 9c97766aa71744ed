import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// scripts/run-bundled.mjs runs `npm run import` (and the import benchmark's children): a TypeScript
// script bundled with the app modules it imports, without Node's module hooks.
const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, '.data', `run-bundled-test-${process.pid}`);
const name = path.relative(root, path.join(dir, 'entry')).replaceAll(path.sep, '__');
const bundle = path.join(root, '.data', 'cli', `${name}.mjs`);

function run(...args: string[]) {
  return runIn(root, ...args);
}

function runIn(cwd: string, ...args: string[]) {
  const runner = path.join(root, 'scripts', 'run-bundled.mjs');
  const res = spawnSync(process.execPath, [runner, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: res.status, stdout: res.stdout.trim(), stderr: res.stderr };
}

function write(file: string, text: string) {
  fs.writeFileSync(path.join(dir, file), text);
}

/** Edits a source file after the bundle was built (the bundle's time moved back: no sleeping). */
function edit(file: string, text: string) {
  write(file, text);
  const earlier = new Date(Date.now() - 10_000);
  fs.utimesSync(bundle, earlier, earlier);
}

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const suffix of ['', '.inputs.json']) fs.rmSync(bundle + suffix, { force: true });
});

describe('run-bundled', () => {
  it('runs a script with its app imports and arguments, and rebuilds it when a source file changes', () => {
    fs.mkdirSync(dir, { recursive: true });
    write('dep.ts', "export const greeting: string = 'first';\n");
    write(
      'entry.ts',
      [
        "import 'server-only';",
        "import { ValidationError } from '@/lib/errors';",
        "import { greeting } from './dep';",
        "import { NextResponse } from 'next/server';", // a package subpath ES modules must name as next/server.js
        'const error = new ValidationError("bad");',
        'const next = typeof NextResponse.json;',
        'console.log(JSON.stringify({ greeting, args: process.argv.slice(2), error: error.name, next, hooks: process.execArgv }));',
      ].join('\n'),
    );
    const first = run(path.join(dir, 'entry.ts'), '--org', 'acme', 'file.csv');
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual({
      greeting: 'first',
      args: ['--org', 'acme', 'file.csv'],
      error: 'ValidationError',
      next: 'function',
      hooks: [],
    });
    const built = fs.statSync(bundle).mtimeMs;

    // Unchanged sources: the bundle is reused as it is.
    expect(JSON.parse(run(path.join(dir, 'entry.ts')).stdout).greeting).toBe('first');
    expect(fs.statSync(bundle).mtimeMs).toBe(built);

    // An imported file edited after the build: rebuilt before it runs.
    edit('dep.ts', "export const greeting: string = 'second';\n");
    expect(JSON.parse(run(path.join(dir, 'entry.ts')).stdout).greeting).toBe('second');

    // Built from another working directory (a relative script path): the same bundle, and it is
    // reused afterwards (its recorded sources resolve wherever it was built from).
    edit('dep.ts', "export const greeting: string = 'third';\n");
    expect(JSON.parse(runIn(dir, 'entry.ts', 'x').stdout)).toMatchObject({ greeting: 'third', args: ['x'] });
    const rebuilt = fs.statSync(bundle).mtimeMs;
    expect(JSON.parse(runIn(dir, 'entry.ts').stdout).greeting).toBe('third');
    expect(fs.statSync(bundle).mtimeMs).toBe(rebuilt);
  });

  it('exits 1 with the reason when the script does not compile, and 2 without a script', () => {
    fs.mkdirSync(dir, { recursive: true });
    write('broken.ts', "import { nothing } from './missing';\nconsole.log(nothing);\n");
    const broken = run(path.join(dir, 'broken.ts'));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('Could not resolve "./missing"');
    expect(broken.stderr).toContain(`Could not bundle ${path.join(dir, 'broken.ts')} (esbuild exited 1).`);
    const usage = run();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe('Usage: node scripts/run-bundled.mjs <script.ts> [args…]\n');
  });
});
