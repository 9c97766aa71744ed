/**
 * The fake Instagram login and Graph API (tests/connectors/fake-instagram.ts) as a server of its
 * own, for the end-to-end tests: the app is pointed at it (INSTAGRAM_* base URLs) and sends
 * creators to its authorization page, which approves and returns them to the app. Tests name the
 * signed-in account with `PUT /__fake/account`.
 */
import { startFakeInstagram } from '../tests/connectors/fake-instagram';

const fake = await startFakeInstagram({ port: Number(process.env.E2E_INSTAGRAM_PORT ?? 3196), control: true });
console.log(`fake Instagram at ${fake.url}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
