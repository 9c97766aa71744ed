import { z } from 'zod';
import { platform } from '@/db/schema';
import { handleField } from '../accounts/schemas';

/** A social account a creator names: platform and handle (a profile URL or "@handle" is reduced to the handle). */
export const claimAccountSchema = z.object({ platform: z.enum(platform.enumValues, 'Choose the platform'), handle: handleField });

/** What a creator gives an admin to check a claim by hand. */
export const claimEvidenceSchema = z.object({
  evidence: z
    .string()
    .trim()
    .min(10, 'Say where an admin can see the code, e.g. the link to your profile')
    .max(1_000, 'At most 1,000 characters'),
});
