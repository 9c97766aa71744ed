import { z } from 'zod';
import { platform } from '@/db/schema';

/** Lower-cased, trimmed email. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address' }).max(254));

/** NIST SP 800-63B: at least 10 characters here, long passphrases allowed, no composition rules. */
export const passwordField = z.string().min(10, 'Use at least 10 characters').max(128, 'Use at most 128 characters');

export const nameField = z.string().trim().min(1, 'Enter your name').max(80, 'Use at most 80 characters');

/** A platform handle as typed by a person: "@Name", "name" or a profile URL's last segment. */
export const handleField = z
  .string()
  .trim()
  .transform((v) =>
    v
      .replace(/^https?:\/\/[^/]+\/(@)?/i, '')
      .replace(/^@/, '')
      .replace(/\/.*$/, '')
      .toLowerCase(),
  )
  .pipe(z.string().regex(/^[a-z0-9._-]{1,100}$/, 'Use the handle only, e.g. @yourname'));

const base = { name: nameField, email: emailField, password: passwordField };

export const signUpSchema = z.discriminatedUnion('role', [
  z.object({
    ...base,
    role: z.literal('brand'),
    organizationName: z.string().trim().min(2, 'Enter your brand or company name').max(80),
  }),
  z
    .object({
      ...base,
      role: z.literal('influencer'),
      category: z
        .string()
        .trim()
        .max(60)
        .optional()
        .transform((v) => v || undefined),
      platform: z
        .union([z.literal('').transform(() => undefined), z.enum(platform.enumValues)], { message: 'Choose a platform from the list' })
        .optional(),
      handle: z
        .string()
        .optional()
        .transform((v) => v?.trim() || undefined)
        .pipe(handleField.optional()),
    })
    .refine((v) => !v.handle || v.platform, { path: ['platform'], message: 'Choose the platform of this handle' }),
  z.object({ ...base, role: z.literal('fan') }),
]);
export type SignUpInput = z.input<typeof signUpSchema>;

export const credentialsSchema = z.object({ email: emailField, password: z.string().min(1).max(128) });
export const requestPasswordResetSchema = z.object({ email: emailField });
export const resetPasswordSchema = z.object({ token: z.string().min(20).max(200), password: passwordField });
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(128),
  newPassword: passwordField,
});
export const updateProfileSchema = z.object({ name: nameField });
export const createAdminSchema = z.object({ email: emailField, name: nameField, password: passwordField });
