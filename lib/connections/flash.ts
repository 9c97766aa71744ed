import { z } from 'zod';

/** The cookie carrying a connection's outcome from the callback to the profile page (60 s, HTTP only). */
export const CONNECTION_FLASH_COOKIE = 'rb_connection_flash';

const flashSchema = z.object({ ok: z.boolean(), message: z.string().max(500) });

/** The outcome the callback left in {@link CONNECTION_FLASH_COOKIE}, or null when there is none or it is not ours. */
export function connectionFlashOf(raw: string | undefined): { ok: boolean; message: string } | null {
  if (!raw) return null;
  try {
    const parsed = flashSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
