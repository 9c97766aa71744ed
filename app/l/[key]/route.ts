import { answerVisit } from '@/lib/links/resolve-link';
import { VISIT_HEADERS, visitPage } from '@/lib/links/visit-page';

/**
 * A tracking link's visit where the HTTP server does not answer it first (lib/links/serve-links.ts
 * is installed by `next start`; this route serves `next dev` and any other host of the app).
 * Next answers HEAD with this handler too: HEAD is answered, never counted.
 */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const answer = await answerVisit({ key, header: (name) => request.headers.get(name) ?? undefined, record: request.method !== 'HEAD' });
  if (answer.status === 302) return new Response(null, { status: 302, headers: { ...VISIT_HEADERS, Location: answer.location } });
  return new Response(visitPage(answer.title, answer.message), {
    status: answer.status,
    headers: { ...VISIT_HEADERS, 'Content-Type': 'text/html; charset=utf-8' },
  });
}
