'use server';

import { actingUser } from '@/lib/context';
import { formAction } from '@/lib/actions/form-action';
import type { FormState } from '@/lib/forms';
import { changeMemberRole } from '@/lib/orgs/change-member-role';
import { inviteMember } from '@/lib/orgs/invite-member';
import { removeMember } from '@/lib/orgs/remove-member';
import { revokeInvitation } from '@/lib/orgs/revoke-invitation';
import { updateOrganization } from '@/lib/orgs/update-organization';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';
import { createShopWebhook } from '@/lib/attribution/create-shop-webhook';
import { revokeShopWebhook } from '@/lib/attribution/revoke-shop-webhook';
import { connectGa4Property } from '@/lib/ga4/connect-ga4-property';
import { disconnectGa4Property } from '@/lib/ga4/disconnect-ga4-property';
import { syncGa4Property, type Ga4SyncResult } from '@/lib/ga4/sync-ga4-property';

// Every verb re-checks the actor's membership and role in `orgId`: a forged id reaches nothing.
const org = (slug: string) => ({ layout: `/o/${slug}` });

/** Invites a teammate (fields `email`, `role`). */
export async function inviteMemberAction(orgId: string, slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => inviteMember({ ctx, input: { orgId, email: v.email, role: v.role } }), {
    revalidate: org(slug),
    success: `Invitation sent to ${String(formData.get('email') ?? '')
      .trim()
      .toLowerCase()}.`,
  });
}

/** Revokes a pending invitation. */
export async function revokeInvitationAction(orgId: string, slug: string, invitationId: string, _prev: FormState): Promise<FormState> {
  return formAction(undefined, (ctx) => revokeInvitation({ ctx, input: { orgId, invitationId } }), {
    revalidate: org(slug),
    success: 'Invitation revoked.',
  });
}

/** Gives a member another role (field `role`). */
export async function changeMemberRoleAction(
  orgId: string,
  slug: string,
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return formAction(formData, (ctx, v) => changeMemberRole({ ctx, input: { orgId, userId, role: v.role } }), {
    revalidate: org(slug),
    success: 'Role updated.',
    keepValues: false,
  });
}

/** Removes a member; one who removes themselves (leaves) goes home. */
export async function removeMemberAction(orgId: string, slug: string, userId: string, _prev: FormState): Promise<FormState> {
  return formAction(
    undefined,
    async (ctx) => {
      await removeMember({ ctx, input: { orgId, userId } });
      return { left: actingUser(ctx)?.userId === userId };
    },
    { revalidate: org(slug), success: 'Member removed.', redirectTo: ({ left }) => (left ? '/home' : null) },
  );
}

/** Saves the organization's name and website. */
export async function updateOrganizationAction(orgId: string, slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => updateOrganization({ ctx, input: { orgId, name: v.name ?? '', website: v.website ?? '' } }), {
    revalidate: org(slug),
    success: 'Organization saved.',
  });
}

/** Creates an API key (field `name`); the key is shown once, with a copy button. */
export async function createApiKeyAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => createApiKey({ ctx, input: { orgSlug: slug, name: v.name } }), {
    revalidate: `/o/${slug}/settings`,
    success: (r) => ({
      ok: true,
      message: `Key “${r.name}” created.`,
      secret: { label: 'Copy this key now: it is shown only once. Send it as “Authorization: Bearer …”.', value: r.key },
    }),
    keepValues: false,
  });
}

/** Revokes an API key (the row's button sends `keyId`). */
export async function revokeApiKeyAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => revokeApiKey({ ctx, input: { orgSlug: slug, keyId: v.keyId } }), {
    revalidate: `/o/${slug}/settings`,
    success: 'Key revoked: requests with it are refused from now on.',
    keepValues: false,
  });
}

/** Connects a shop's webhooks (fields `provider`, `name`, `signingSecret`); answers with the address to give the shop. */
export async function createShopWebhookAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    (ctx, v) => createShopWebhook({ ctx, input: { orgSlug: slug, provider: v.provider, name: v.name, signingSecret: v.signingSecret } }),
    {
      revalidate: `/o/${slug}/settings`,
      success: (r) => ({
        ok: true,
        message: 'Shop connected.',
        secret: { label: 'Give the shop this address as the webhook URL (JSON, the events listed above):', value: r.url },
      }),
      keepValues: false,
    },
  );
}

/** Disconnects a shop's webhooks (the row's button sends `webhookId`). */
export async function revokeShopWebhookAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => revokeShopWebhook({ ctx, input: { orgSlug: slug, webhookId: v.webhookId } }), {
    revalidate: `/o/${slug}/settings`,
    success: 'Disconnected: deliveries to that address are refused from now on.',
    keepValues: false,
  });
}

const syncOutcome = (r: Ga4SyncResult, before: string): FormState =>
  r.ok
    ? { ok: true, message: `${before}Read ${r.rows} ${r.rows === 1 ? 'row' : 'rows'} of campaign traffic.` }
    : { ok: false, message: `${before}The read failed: ${r.reason}` };

/**
 * Connects a GA4 property (fields `propertyId`, `name`, `serviceAccountKey`) and reads it at once,
 * answering what the read found. The form never gets the key back, even on an error.
 */
export async function connectGa4PropertyAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(
    formData,
    async (ctx, v) => {
      const { id } = await connectGa4Property({
        ctx,
        input: { orgSlug: slug, propertyId: v.propertyId, name: v.name, serviceAccountKey: v.serviceAccountKey },
      });
      return syncGa4Property({ ctx, input: { orgSlug: slug, ga4PropertyId: id } });
    },
    { revalidate: `/o/${slug}/settings`, success: (r) => syncOutcome(r, 'Property connected. '), keepValues: false },
  );
}

/** Reads a GA4 property now (the row's button sends `ga4PropertyId`). */
export async function syncGa4PropertyAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => syncGa4Property({ ctx, input: { orgSlug: slug, ga4PropertyId: v.ga4PropertyId } }), {
    revalidate: `/o/${slug}/settings`,
    success: (r) => syncOutcome(r, ''),
    keepValues: false,
  });
}

/** Disconnects a GA4 property and deletes the traffic read from it (the row's button sends `ga4PropertyId`). */
export async function disconnectGa4PropertyAction(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, (ctx, v) => disconnectGa4Property({ ctx, input: { orgSlug: slug, ga4PropertyId: v.ga4PropertyId } }), {
    revalidate: `/o/${slug}/settings`,
    success: 'Disconnected: its traffic no longer shows in reports.',
    keepValues: false,
  });
}
