import { NextResponse } from 'next/server';
import { getRequestCtx } from '@/lib/auth/request-context';
import { completeConnection } from '@/lib/connections/complete-connection';
import { CONNECTION_FLASH_COOKIE } from '@/lib/connections/flash';
import { readConnectedAccount } from '@/lib/connectors/read-connected-account';
import { getEnv } from '@/lib/env';
import { AppError, UnauthorizedError } from '@/lib/errors';
import { PLATFORM_NAMES } from '@/lib/platforms';

export const dynamic = 'force-dynamic';

/**
 * Where a platform sends the creator back after they authorize Reachboard (the redirect URI
 * registered with the platform): finishes the connection and returns to the profile, which says
 * what happened. The outcome travels in a short-lived cookie set here, never in the URL (a link
 * cannot put words on the page); tokens never reach the browser.
 */
export async function GET(request: Request, { params }: { params: Promise<{ platform: string }> }) {
  const { platform } = await params;
  const q = new URL(request.url).searchParams;
  const { appUrl } = getEnv();
  let flash: { ok: boolean; message: string };
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
    const name = PLATFORM_NAMES[done.platform as keyof typeof PLATFORM_NAMES] ?? done.platform;
    // The first read now, so the profile and the brands see the account's numbers without waiting
    // for the schedule. The connection stands whatever the read does: a failure is only mentioned.
    let readNote = '';
    try {
      const read = await readConnectedAccount({ ctx, input: { socialAccountId: done.socialAccountId } });
      if (read.status === 'failed') readNote = ` Its first read failed (${read.message.slice(0, 200)}); it is tried again on the schedule.`;
    } catch (error) {
      console.error('[connections] the first read of a new connection failed', error);
      readNote = ' Its first read failed; it is tried again on the schedule.';
    }
    flash = { ok: true, message: `Connected @${done.handle} on ${name}: it is verified on your profile.${readNote}` };
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[connections] finishing a connection failed', error);
    flash = { ok: false, message: error instanceof AppError ? error.message : 'The connection could not be finished. Try again.' };
  }
  const response = NextResponse.redirect(new URL('/creator/profile#connections', appUrl), {
    status: 303,
    headers: { 'cache-control': 'no-store' },
  });
  response.cookies.set(CONNECTION_FLASH_COOKIE, JSON.stringify(flash), {
    httpOnly: true,
    sameSite: 'lax',
    secure: appUrl.startsWith('https://'),
    path: '/creator/profile',
    maxAge: 60,
  });
  return response;
}
