'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getRequestCtx } from '@/lib/auth/request-context';
import { toFormState, type FormState } from '@/lib/forms';
import { markNotificationsRead } from '@/lib/notifications/mark-notifications-read';

/** Marks every notification read. */
export async function markAllReadAction(_prev: FormState): Promise<FormState> {
  try {
    await markNotificationsRead({ ctx: await getRequestCtx(), input: {} });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/', 'layout');
  return { ok: true };
}

/** Marks one notification read and opens what it is about (an in-app path only). */
export async function openNotificationAction(id: string, url: string, _prev: FormState): Promise<FormState> {
  try {
    await markNotificationsRead({ ctx: await getRequestCtx(), input: { id } });
  } catch (error) {
    return toFormState(error);
  }
  revalidatePath('/', 'layout');
  redirect(url.startsWith('/') && !url.startsWith('//') ? url : '/home');
}
