import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Reachboard — influencer marketing you can measure', template: '%s · Reachboard' },
  description: 'Open-source influencer-marketing platform: trustworthy metrics in, defensible analytics and ROI out.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="en" className="h-full bg-white">
      <body className="h-full text-gray-900">{children}</body>
    </html>
  );
}
