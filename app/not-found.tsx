import { ButtonLink } from '@/components/ui/button';
import { Logo } from '@/components/ui/logo';

export default function NotFound() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
      <Logo />
      <p className="mt-10 text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-gray-900" data-testid="not-found">
        Page not found
      </h1>
      <p className="mt-3 text-sm text-gray-500">This page does not exist, or you do not have access to it.</p>
      <div className="mt-8">
        <ButtonLink href="/home">Back to your home</ButtonLink>
      </div>
    </main>
  );
}
