import type { ReactNode } from 'react';
import { Logo } from '@/components/ui/logo';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-full flex-col justify-center bg-gray-50 px-6 py-12">
      <div className="mx-auto w-full max-w-md">
        <div className="flex justify-center">
          <Logo />
        </div>
        <div className="mt-8 rounded-xl bg-white px-6 py-8 shadow-sm ring-1 ring-gray-200 sm:px-10">{children}</div>
      </div>
    </div>
  );
}
