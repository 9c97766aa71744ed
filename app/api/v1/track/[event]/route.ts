import { authenticateApiKey } from '@/lib/api-keys/authenticate-api-key';
import { trackConversion } from '@/lib/attribution/track-conversion';
import { trackRefund } from '@/lib/attribution/track-refund';
import { badRequest, errorResponse, readBodyLimited, tooLarge } from '@/lib/http';

/** The largest request body accepted (one event). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The server-to-server tracking API (docs/attribution.md): `POST /api/v1/track/lead`,
 * `/track/sale` and `/track/refund` with `Authorization: Bearer rb_…` and a JSON body.
 * 201 for a new event, 200 for one already recorded (same external id: nothing changed),
 * 401/403 for the key, 404 for a refund of an unknown sale, 422 naming the bad field.
 */
export async function POST(request: Request, { params }: { params: Promise<{ event: string }> }) {
  const { event } = await params;
  if (event !== 'lead' && event !== 'sale' && event !== 'refund')
    return Response.json({ error: `Unknown event "${event.slice(0, 40)}": use lead, sale or refund` }, { status: 404 });
  try {
    const ctx = await authenticateApiKey(request.headers.get('authorization'));
    const raw = await readBodyLimited(request, MAX_BODY_BYTES);
    if (raw === null) return tooLarge(`${MAX_BODY_BYTES / 1024} KB: send one event per request`);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return badRequest('The body is not JSON: send a JSON object such as {"externalId": "order-1001", …}');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return badRequest('The body must be a JSON object');
    if (event === 'refund') {
      const result = await trackRefund({ ctx, input: body as Record<string, unknown> });
      return Response.json(result, { status: result.duplicate ? 200 : 201 });
    }
    const result = await trackConversion({ ctx, input: { ...(body as Record<string, unknown>), kind: event } });
    return Response.json(result, { status: result.duplicate ? 200 : 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
