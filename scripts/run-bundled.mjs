// `node [flags] scripts/run-bundled.mjs <script.ts> [args…]`: runs a TypeScript script as one
// bundled ES module, without a module loader hook. Used by `npm run import`, whose process holds an
// embedded database and a whole import: tsx (`--import tsx`) and `server-runtime.mjs` run Node's
// module hooks on their own thread, which with the transpiled modules held ~70 MB of the process
// at opening (docs/benchmarks.md, "twelfth session").
//
// The script and the app modules it imports (`@/…`, relative) are bundled by esbuild into
// `.data/cli/scripts__<name>.mjs`; packages stay external (Node loads them from node_modules as usual), and
// `server-only` is bundled as its no-op entry, as `server-runtime.mjs` resolves it. The bundle is
// rebuilt, in a child process, when any of its source files, tsconfig.json or this file is newer
// than it, and written under a temporary name then renamed, so concurrent runs never read half a
// file. The script sees `process.argv` as if it had been run directly. No source map: the bundle is
// plain, unminified JavaScript with each source file's path above its code, and classes keep their
// names.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * esbuild plugin: an external import of a package's subpath without an extension (`next/server`)
 * names the file (`next/server.js`) when the package has no `exports` map, as Node's ES module
 * resolution needs; a package with an `exports` map resolves its subpaths itself.
 */
const fileSubpaths = {
  name: 'file-subpaths',
  setup(b) {
    b.onResolve({ filter: /^(@[^/.]+\/)?[^/.@][^/]*\/[^.]+$/ }, (args) => {
      const [, pkg, subpath] = args.path.match(/^((?:@[^/]+\/)?[^/]+)\/(.+)$/);
      const dir = path.join(root, 'node_modules', pkg);
      let manifest;
      try {
        manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      } catch {
        return undefined;
      }
      if (manifest.exports || !fs.existsSync(path.join(dir, `${subpath}.js`))) return undefined;
      return { path: `${args.path}.js`, external: true };
    });
  },
};

/** Builds `entry` into `outfile` with esbuild (build mode of this file, run in a child process). */
async function build(entry, outfile) {
  const { build: esbuild } = await import('esbuild');
  const { createRequire } = await import('node:module');
  const serverOnly = createRequire(path.join(root, 'package.json')).resolve('server-only');
  const temp = `${outfile}.${process.pid}.tmp`;
  const result = await esbuild({
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    keepNames: true, // classes keep their names (errors name themselves with new.target.name)
    alias: { 'server-only': path.join(path.dirname(serverOnly), 'empty.js') },
    plugins: [fileSubpaths],
    tsconfig: path.join(root, 'tsconfig.json'),
    absWorkingDir: root, // the metafile's input paths are relative to it
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(root, input));
  fs.writeFileSync(`${outfile}.inputs.json`, JSON.stringify(inputs));
  fs.renameSync(temp, outfile);
}

/** True when `outfile` exists and no file it was built from (nor the build's own config) is newer. */
function isFresh(outfile) {
  let built;
  let inputs;
  try {
    built = fs.statSync(outfile).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(`${outfile}.inputs.json`, 'utf8'));
  } catch {
    return false;
  }
  const config = [fileURLToPath(import.meta.url), path.join(root, 'tsconfig.json')];
  return [...inputs, ...config].every((file) => {
    try {
      return fs.statSync(file).mtimeMs <= built;
    } catch {
      return false; // a source file was removed or renamed: rebuild
    }
  });
}

if (process.argv[2] === '--build') {
  await build(process.argv[3], process.argv[4]);
} else {
  const script = process.argv[2];
  if (!script) {
    console.error('Usage: node scripts/run-bundled.mjs <script.ts> [args…]');
    process.exit(2);
  }
  const entry = path.resolve(script);
  const name = path
    .relative(root, entry)
    .replace(/\.[cm]?tsx?$/, '')
    .replaceAll(path.sep, '__');
  const outfile = path.join(root, '.data', 'cli', `${name}.mjs`);
  if (!isFresh(outfile)) {
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--build', entry, outfile], {
      stdio: 'inherit',
      timeout: 120_000,
    });
    if (res.status !== 0) {
      console.error(`Could not bundle ${script} (esbuild ${res.error ? res.error.message : `exited ${res.status ?? res.signal}`}).`);
      process.exit(1);
    }
  }
  // The script parses process.argv.slice(2) as if it had been run directly.
  process.argv.splice(1, 2, outfile);
  await import(pathToFileURL(outfile).href);
}
