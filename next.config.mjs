/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its wasm/data files by path; bundling it breaks that (see STACK-NOTES).
  // rate-limiter-flexible imports drizzle-orm dynamically by a computed name.
  // google-gax's protobufjs finds its int64 support (`long`) by a computed require, which bundling breaks
  // ("toProto3JSON: don't know how to convert value 0" on every GA4 report request).
  // @twurple's clients are loaded by Node as published too, like the other platform clients above.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'rate-limiter-flexible',
    '@google-analytics/data',
    'google-gax',
    '@twurple/api',
    '@twurple/auth',
  ],
  poweredByHeader: false,
  // The development build's badge sits bottom-right: bottom-left it covered the sidebar's mailbox link.
  devIndicators: { position: 'bottom-right' },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          ...(process.env.NODE_ENV === 'production'
            ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
            : []),
        ],
      },
    ];
  },
};

export default nextConfig;
