'use client';

import './globals.css';

/**
 * The last resort when the root layout itself fails: a complete page of its own (html and body),
 * with the error's reference and a way to try again.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" className="h-full bg-gray-50">
      <body className="flex h-full flex-col items-center justify-center px-6 text-center text-gray-900">
        <title>Reachboard is unavailable</title>
        <p className="text-sm font-semibold text-red-600">Error</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Reachboard could not load</h1>
        <p className="mt-3 max-w-md text-sm text-gray-500">
          Something failed on our side. Try again in a moment
          {error.digest ? (
            <>
              ; the reference for your admin is <span className="font-mono text-gray-700">{error.digest}</span>
            </>
          ) : null}
          .
        </p>
        <button
          type="button"
          onClick={reset}
          className="mt-8 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          Try again
        </button>
      </body>
    </html>
  );
}
