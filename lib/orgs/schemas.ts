import { z } from 'zod';
import { emailField } from '../accounts/schemas';

const memberRoleField = z.enum(['owner', 'manager', 'viewer'], { message: 'Choose owner, manager or viewer' });

export const inviteMemberSchema = z.object({
  orgId: z.uuid(),
  email: emailField,
  role: z.enum(['manager', 'viewer'], { message: 'Invite as manager or viewer' }),
});
export const revokeInvitationSchema = z.object({ orgId: z.uuid(), invitationId: z.uuid() });
export const changeMemberRoleSchema = z.object({ orgId: z.uuid(), userId: z.uuid(), role: memberRoleField });
export const removeMemberSchema = z.object({ orgId: z.uuid(), userId: z.uuid() });
export const updateOrganizationSchema = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(2, 'Use at least 2 characters').max(80),
  website: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || null)
    .pipe(z.url({ protocol: /^https?$/, message: 'Enter a full URL such as https://example.com' }).nullable()),
});
export const invitationTokenSchema = z.object({ token: z.string().min(20).max(200) });
