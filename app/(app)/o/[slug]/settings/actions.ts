'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getRequestCtx } from '@/lib/auth/request-context';
import { toFormState, type FormState } from '@/lib/forms';
import { changeMemberRole } from '@/lib/orgs/change-member-role';
import { inviteMember } from '@/lib/orgs/invite-member';
import { removeMember } from '@/lib/orgs/remove-member';
import { revokeInvitation } from '@/lib/orgs/revoke-invitation';
import { updateOrganization } from '@/lib/orgs/update-organization';

// Every verb re-checks the actor's membership and role in `orgId`: a forged id reaches nothing.

async function run(slug: string, fn: () => Promise<void>, message: string): Promise<FormState> {
  try {
    await fn();
    revalidatePath(`/o/${slug}`, 'layout');
    return { ok: true, message };
  } catch (error) {
    return toFormState(error);
  }
}

export async function inviteMemberAction(orgId: string, slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get('email') ?? '');
  const role = String(formData.get('role') ?? '') as 'manager' | 'viewer';
  return run(
    slug,
    async () => void (await inviteMember({ ctx: await getRequestCtx(), input: { orgId, email, role } })),
    `Invitation sent to ${email.trim().toLowerCase()}.`,
  );
}

export async function revokeInvitationAction(orgId: string, slug: string, invitationId: string, _prev: FormState): Promise<FormState> {
  return run(slug, async () => revokeInvitation({ ctx: await getRequestCtx(), input: { orgId, invitationId } }), 'Invitation revoked.');
}

export async function changeMemberRoleAction(
  orgId: string,
  slug: string,
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const role = String(formData.get('role') ?? '') as 'owner' | 'manager' | 'viewer';
  return run(slug, async () => changeMemberRole({ ctx: await getRequestCtx(), input: { orgId, userId, role } }), 'Role updated.');
}

export async function removeMemberAction(orgId: string, slug: string, userId: string, _prev: FormState): Promise<FormState> {
  const ctx = await getRequestCtx();
  const state = await run(slug, () => removeMember({ ctx, input: { orgId, userId } }), 'Member removed.');
  if (state.ok && ctx.actor?.userId === userId) redirect('/home');
  return state;
}

export async function updateOrganizationAction(orgId: string, slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const name = String(formData.get('name') ?? '');
  const website = String(formData.get('website') ?? '');
  return run(slug, async () => updateOrganization({ ctx: await getRequestCtx(), input: { orgId, name, website } }), 'Organization saved.');
}
