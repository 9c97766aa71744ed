import { NextResponse, type NextRequest } from 'next/server';

/**
 * Passes the requested path to server components (layouts cannot read it), so a signed-out
 * visitor is sent to sign-in with a way back. No authorization happens here: every page and
 * verb checks the session itself.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-pathname', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'],
};
