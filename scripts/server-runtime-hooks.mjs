// Module resolution hook registered by server-runtime.mjs: `server-only` → its no-op entry.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The package exports only "." (index.js, which throws); empty.js sits beside it.
const emptyEntry = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('server-only')), 'empty.js')).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: emptyEntry, shortCircuit: true };
  return nextResolve(specifier, context);
}
