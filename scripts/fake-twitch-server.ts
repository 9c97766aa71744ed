/**
 * The fake Twitch OAuth + Helix server (tests/connectors/fake-twitch.ts) as a server of its own, for
 * the end-to-end tests: the app reaches it through @twurple's mock-server port (TWURPLE_MOCK_API_PORT)
 * and sends creators to its authorization page, which approves and returns them to the app.
 */
import { startFakeTwitch } from '../tests/connectors/fake-twitch';

const fake = await startFakeTwitch(Number(process.env.E2E_TWITCH_PORT ?? 3197));
console.log(`fake Twitch at http://localhost:${fake.port}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
