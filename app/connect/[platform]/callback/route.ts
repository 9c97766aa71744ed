import { NextResponse } from 'next/server';
import { getRequestCtx } from '@/lib/auth/request-context';
import { completeConnection } from '@/lib/connections/complete-connection';
import { getEnv } from '@/lib/env';
import { AppError, UnauthorizedError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/**
 * Where a platform sends the creator back after they authorize Reachboard (the redirect URI
 * registered with the platform): finishes the connection and returns to the profile, saying what
 * happened. Anything but success is said in words; tokens never reach the browser.
 */
export async function GET(request: Request, { params }: { params: Promise<{ platform: string }> }) {
  const { platform } = await params;
  const q = new URL(request.url).searchParams;
  const back = new URL('/creator/profile', getEnv().appUrl);
  back.hash = 'connections';
  try {
    const ctx = await getRequestCtx();
    if (!ctx.actor) throw new UnauthorizedError('Sign in again, then connect from your profile');
    const done = await completeConnection({
      ctx,
      input: {
        platform,
        state: q.get('state') ?? '',
        code: q.get('code') ?? undefined,
        error: q.get('error') ?? undefined,
        errorDescription: q.get('error_description') ?? undefined,
      },
    });
    back.searchParams.set('connected', `${done.platform}:${done.handle}`);
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[connections] finishing a connection failed', error);
    back.searchParams.set(
      'connection_error',
      error instanceof AppError ? error.message : 'The connection could not be finished. Try again.',
    );
  }
  return NextResponse.redirect(back, { status: 303, headers: { 'cache-control': 'no-store' } });
}
