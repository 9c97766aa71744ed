'use server';

import { formAction } from '@/lib/actions/form-action';
import type { FormState } from '@/lib/forms';
import { markNotificationsRead } from '@/lib/notifications/mark-notifications-read';

/** Marks every notification read. */
export async function markAllReadAction(_prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => markNotificationsRead({ ctx, input: {} }), { revalidate: { layout: '/' }, success: { ok: true } });
}

/** Marks one notification read and opens what it is about (an in-app path only). */
export async function openNotificationAction(id: string, url: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => markNotificationsRead({ ctx, input: { id } }), {
    revalidate: { layout: '/' },
    redirectTo: () => (url.startsWith('/') && !url.startsWith('//') ? url : '/home'),
  });
}
