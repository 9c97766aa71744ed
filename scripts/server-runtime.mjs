// Loads Reachboard's server modules in a CLI script (`node --import ./scripts/server-runtime.mjs`).
// Next's server layer resolves `server-only` to its empty entry; plain Node resolves it to a module
// that throws. This hook gives scripts the empty entry without the whole `react-server` condition,
// which would also swap in React's server build and break `react-dom/server` (React Email).
import { register } from 'node:module';

register('./server-runtime-hooks.mjs', import.meta.url);
