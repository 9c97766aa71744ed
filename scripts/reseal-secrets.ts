/**
 * `npm run secrets:reseal`: seals every stored secret with the current key (the first of
 * ENCRYPTION_KEYS), and seals values stored before secrets were sealed. Key rotation: add the new
 * key second and deploy everywhere; put it first and deploy; run this; drop the old key.
 */
import { systemCtx } from '@/lib/context';
import { resealSecrets } from '@/lib/crypto/reseal-secrets';
import { withDatabase } from './open-db';

await withDatabase(async () => {
  for (const r of await resealSecrets({ ctx: systemCtx('scripts/reseal-secrets'), input: undefined }))
    console.log(`${r.column}: ${r.resealed} resealed, ${r.current} already current.`);
});
