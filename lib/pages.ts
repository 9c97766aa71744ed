import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { ForbiddenError, NotFoundError, UnauthorizedError } from './errors';

/**
 * Runs a page's read verb: "not found" and "forbidden" become the 404 page and "unauthorized" the sign-in page,
 * so another organization's page looks exactly like a page that does not exist.
 */
export async function loadPage<T>(read: () => Promise<T>, returnTo?: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) notFound();
    if (error instanceof UnauthorizedError) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : '/sign-in');
    throw error;
  }
}
