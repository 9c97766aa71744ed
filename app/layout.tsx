import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Reachboard — influencer marketing you can measure', template: '%s · Reachboard' },
  description: 'Open-source influencer-marketing platform: trustworthy metrics in, defensible analytics and ROI out.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="h-full bg-white">
      <body className="h-full text-gray-900">{children}</body>
    </html>
  );
}
