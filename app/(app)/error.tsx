'use client';

import { useEffect } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';

/**
 * A page of the signed-in app failed: said inside the app shell, so the navigation stays. The
 * reference (`digest`) matches the server log's entry; the error's text is never shown (it may
 * hold internals).
 */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-lg py-16 text-center" role="alert">
      <p className="text-sm font-semibold text-red-600">Error</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-gray-900">This page could not be shown</h1>
      <p className="mt-3 text-sm text-gray-500">
        Something failed on our side; nothing you entered was lost. Try again in a moment. If it keeps happening, tell your admin
        {error.digest ? (
          <>
            {' '}
            the reference <span className="font-mono text-gray-700">{error.digest}</span>
          </>
        ) : null}
        .
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <Button onClick={reset}>Try again</Button>
        <ButtonLink href="/home" variant="secondary">
          Back to your home
        </ButtonLink>
      </div>
    </div>
  );
}
