import { receiveShopWebhook } from '@/lib/attribution/receive-shop-webhook';
import { errorResponse, readBodyLimited, tooLarge } from '@/lib/http';

/** The largest delivery accepted (a Shopify order with many lines is well under this). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A shop's webhook delivery (docs/attribution.md): Shopify and Stripe sign each one; the verb
 * verifies the signature before reading anything. 200 when recorded or ignored, 401 for a bad
 * signature or unknown webhook, 404 for a refund of a sale not recorded yet (the shop retries).
 */
export async function POST(request: Request, { params }: { params: Promise<{ provider: string; webhookId: string }> }) {
  const { provider, webhookId } = await params;
  const rawBody = await readBodyLimited(request, MAX_BODY_BYTES);
  if (rawBody === null) return tooLarge('1 MB');
  try {
    const outcome = await receiveShopWebhook({
      ctx: { actor: null },
      input: { provider, webhookId, rawBody, header: (name) => request.headers.get(name) },
    });
    return Response.json(outcome);
  } catch (error) {
    return errorResponse(error);
  }
}
