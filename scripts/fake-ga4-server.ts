/**
 * The fake GA4 Data API (tests/connectors/fake-ga4.ts) as a server of its own, for the end-to-end
 * tests: it knows the service account in E2E_GA4_SERVICE_ACCOUNT_JSON (the key the test pastes when
 * it connects a property) and listens on E2E_GA4_PORT; tests set what a property answers, and which
 * accounts are its Viewers, with `PUT /__fake/properties/<id>`.
 */
import { startFakeGa4 } from '../tests/connectors/fake-ga4';

const serviceAccountJson = process.env.E2E_GA4_SERVICE_ACCOUNT_JSON;
if (!serviceAccountJson) throw new Error('E2E_GA4_SERVICE_ACCOUNT_JSON is not set (playwright.config.ts sets it).');
const fake = await startFakeGa4({ serviceAccounts: [serviceAccountJson], port: Number(process.env.E2E_GA4_PORT ?? 3198), control: true });
console.log(`fake GA4 Data API at ${fake.url}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
