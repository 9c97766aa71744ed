import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { auditLog, invitations, memberships, organizations } from '@/db/schema';
import { acceptInvitation, acceptInvitationAsNewUser } from '@/lib/orgs/accept-invitation';
import { changeMemberRole } from '@/lib/orgs/change-member-role';
import { getInvitation } from '@/lib/orgs/get-invitation';
import { inviteMember } from '@/lib/orgs/invite-member';
import { listMembers } from '@/lib/orgs/list-members';
import { removeMember } from '@/lib/orgs/remove-member';
import { revokeInvitation } from '@/lib/orgs/revoke-invitation';
import { updateOrganization } from '@/lib/orgs/update-organization';
import { getOrgHome } from '@/lib/home/get-org-home';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { authenticate } from '@/lib/accounts/authenticate';
import { createOrg, createUser, ctxOf, lastEmailTo, linkIn, uniq } from '../factories';

type Org = Awaited<ReturnType<typeof createOrg>>;
let acme: Org;
let rival: Org;

beforeAll(async () => {
  acme = await createOrg({ approved: true });
  rival = await createOrg();
});

function tokenFrom(text: string) {
  return decodeURIComponent(linkIn(text, '/invitations/').split('/invitations/')[1]);
}

describe('every organization write verb refuses other orgs and low roles', () => {
  // Each case: the verb called on `acme` with input that would succeed for acme's owner.
  const cases: [string, (ctx: ReturnType<typeof ctxOf>) => Promise<unknown>][] = [
    ['inviteMember', (ctx) => inviteMember({ ctx, input: { orgId: acme.org.id, email: `x-${uniq()}@x.example`, role: 'viewer' } })],
    ['changeMemberRole', (ctx) => changeMemberRole({ ctx, input: { orgId: acme.org.id, userId: acme.viewer.id, role: 'manager' } })],
    // Targets the owner: a member removing themselves is leaving, which every role may do.
    ['removeMember', (ctx) => removeMember({ ctx, input: { orgId: acme.org.id, userId: acme.owner.id } })],
    ['updateOrganization', (ctx) => updateOrganization({ ctx, input: { orgId: acme.org.id, name: 'Hijacked', website: '' } })],
  ];

  for (const [name, call] of cases) {
    it(`${name}: another org's owner gets "not found", a viewer and a manager get "forbidden", and nothing changes`, async () => {
      const db = await getDb();
      const auditBefore = (await db.select().from(auditLog).where(eq(auditLog.orgId, acme.org.id))).length;
      await expect(call(ctxOf(rival.owner))).rejects.toThrow(NotFoundError);
      await expect(call(ctxOf(acme.viewer))).rejects.toThrow(ForbiddenError);
      await expect(call(ctxOf(acme.manager))).rejects.toThrow(ForbiddenError);
      await expect(call(ctxOf(null))).rejects.toThrow(/sign in/i);
      const [org] = await db.select().from(organizations).where(eq(organizations.id, acme.org.id));
      expect(org.name).toBe(acme.org.name);
      const [viewer] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.orgId, acme.org.id), eq(memberships.userId, acme.viewer.id)));
      expect(viewer.role).toBe('viewer');
      expect((await db.select().from(auditLog).where(eq(auditLog.orgId, acme.org.id))).length).toBe(auditBefore);
    });
  }

  it('revokeInvitation: refused for other orgs and low roles; an invitation id of another org is "not found"', async () => {
    const { invitationId } = await inviteMember({
      ctx: ctxOf(acme.owner),
      input: { orgId: acme.org.id, email: `rv-${uniq()}@x.example`, role: 'viewer' },
    });
    await expect(revokeInvitation({ ctx: ctxOf(rival.owner), input: { orgId: acme.org.id, invitationId } })).rejects.toThrow(NotFoundError);
    await expect(revokeInvitation({ ctx: ctxOf(rival.owner), input: { orgId: rival.org.id, invitationId } })).rejects.toThrow(
      NotFoundError,
    );
    await expect(revokeInvitation({ ctx: ctxOf(acme.viewer), input: { orgId: acme.org.id, invitationId } })).rejects.toThrow(
      ForbiddenError,
    );
    await revokeInvitation({ ctx: ctxOf(acme.owner), input: { orgId: acme.org.id, invitationId } });
    const db = await getDb();
    expect((await db.select().from(invitations).where(eq(invitations.id, invitationId)))[0].revokedAt).not.toBeNull();
  });

  it('reads of another org are "not found" too', async () => {
    await expect(listMembers({ ctx: ctxOf(rival.owner), input: { slug: acme.org.slug } })).rejects.toThrow(NotFoundError);
    await expect(getOrgHome({ ctx: ctxOf(rival.viewer), input: { slug: acme.org.slug } })).rejects.toThrow(NotFoundError);
    const influencer = await createUser('influencer');
    await expect(getOrgHome({ ctx: ctxOf(influencer), input: { slug: acme.org.slug } })).rejects.toThrow(NotFoundError);
    await expect(getOrgHome({ ctx: ctxOf(acme.viewer), input: { slug: acme.org.slug } })).resolves.toMatchObject({
      counts: { members: 3 },
    });
  });
});

describe('invitations', () => {
  it('an invited brand user with an account joins with the role given, once', async () => {
    const invitee = await createUser('brand');
    await inviteMember({ ctx: ctxOf(acme.owner), input: { orgId: acme.org.id, email: invitee.email.toUpperCase(), role: 'manager' } });
    const email = await lastEmailTo(invitee.email);
    expect(email.subject).toBe(`Join ${acme.org.name} on Reachboard`);
    const token = tokenFrom(email.text);
    await expect(getInvitation({ ctx: ctxOf(null), input: { token } })).resolves.toEqual({
      orgName: acme.org.name,
      email: invitee.email,
      role: 'manager',
      accountExists: true,
    });

    const stranger = await createUser('brand');
    await expect(acceptInvitation({ ctx: ctxOf(stranger), input: { token } })).rejects.toThrow(ForbiddenError);
    await expect(acceptInvitation({ ctx: ctxOf(invitee), input: { token } })).resolves.toEqual({ orgSlug: acme.org.slug });
    await expect(acceptInvitation({ ctx: ctxOf(invitee), input: { token } })).rejects.toThrow(ValidationError);
    const members = await listMembers({ ctx: ctxOf(invitee), input: { slug: acme.org.slug } });
    expect(members.members.find((m) => m.userId === invitee.id)?.role).toBe('manager');
    expect(members.invitations).toEqual([]);
  });

  it('an invitee without an account signs up through the link as a brand member', async () => {
    const address = `new-${uniq()}@x.example`;
    await inviteMember({ ctx: ctxOf(acme.owner), input: { orgId: acme.org.id, email: address, role: 'viewer' } });
    const token = tokenFrom((await lastEmailTo(address)).text);
    const owners = await listMembers({ ctx: ctxOf(acme.owner), input: { slug: acme.org.slug } });
    expect(owners.invitations.map((i) => i.email)).toContain(address);
    await expect(acceptInvitationAsNewUser({ ctx: ctxOf(null), input: { token, name: 'New Person', password: 'short' } })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      acceptInvitationAsNewUser({ ctx: ctxOf(null), input: { token, name: 'New Person', password: 'a long new passphrase' } }),
    ).resolves.toEqual({ orgSlug: acme.org.slug, email: address });
    const actor = await authenticate({ ctx: ctxOf(null), input: { email: address, password: 'a long new passphrase' } });
    expect(actor.role).toBe('brand');
    await expect(getOrgHome({ ctx: { actor }, input: { slug: acme.org.slug } })).resolves.toMatchObject({ access: { role: 'viewer' } });
  });

  it('refuses to invite an existing member, and a re-invite voids the earlier link', async () => {
    await expect(
      inviteMember({ ctx: ctxOf(acme.owner), input: { orgId: acme.org.id, email: acme.viewer.email, role: 'manager' } }),
    ).rejects.toThrow(ConflictError);
    const address = `again-${uniq()}@x.example`;
    await inviteMember({ ctx: ctxOf(acme.owner), input: { orgId: acme.org.id, email: address, role: 'viewer' } });
    const first = tokenFrom((await lastEmailTo(address)).text);
    await inviteMember({ ctx: ctxOf(acme.owner), input: { orgId: acme.org.id, email: address, role: 'manager' } });
    expect(await getInvitation({ ctx: ctxOf(null), input: { token: first } })).toBeNull();
  });

  it('an influencer or fan cannot join a brand organization', async () => {
    const fan = await createUser('fan');
    await inviteMember({ ctx: ctxOf(acme.owner), input: { orgId: acme.org.id, email: fan.email, role: 'viewer' } });
    const token = tokenFrom((await lastEmailTo(fan.email)).text);
    await expect(acceptInvitation({ ctx: ctxOf(fan), input: { token } })).rejects.toThrow(/Only brand accounts/);
  });
});

describe('members', () => {
  it('an owner changes roles and removes members; the last owner stays', async () => {
    const org = await createOrg();
    await changeMemberRole({ ctx: ctxOf(org.owner), input: { orgId: org.org.id, userId: org.viewer.id, role: 'manager' } });
    await expect(
      changeMemberRole({ ctx: ctxOf(org.owner), input: { orgId: org.org.id, userId: org.owner.id, role: 'viewer' } }),
    ).rejects.toThrow(ConflictError);
    await expect(removeMember({ ctx: ctxOf(org.owner), input: { orgId: org.org.id, userId: org.owner.id } })).rejects.toThrow(
      ConflictError,
    );
    await removeMember({ ctx: ctxOf(org.owner), input: { orgId: org.org.id, userId: org.manager.id } });
    const { members } = await listMembers({ ctx: ctxOf(org.owner), input: { slug: org.org.slug } });
    expect(members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [org.owner.id, 'owner'],
        [org.viewer.id, 'manager'],
      ].sort(),
    );
    await expect(
      changeMemberRole({ ctx: ctxOf(org.owner), input: { orgId: org.org.id, userId: rival.owner.id, role: 'viewer' } }),
    ).rejects.toThrow(NotFoundError);
    const db = await getDb();
    const actions = (await db.select().from(auditLog).where(eq(auditLog.orgId, org.org.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['member.role_changed', 'member.removed']));
  });

  it('a viewer can leave on their own', async () => {
    const org = await createOrg();
    await removeMember({ ctx: ctxOf(org.viewer), input: { orgId: org.org.id, userId: org.viewer.id } });
    await expect(listMembers({ ctx: ctxOf(org.viewer), input: { slug: org.org.slug } })).rejects.toThrow(NotFoundError);
  });

  it('an owner renames the organization with a validated website', async () => {
    const org = await createOrg();
    await expect(
      updateOrganization({ ctx: ctxOf(org.owner), input: { orgId: org.org.id, name: 'Renamed', website: 'javascript:alert(1)' } }),
    ).rejects.toThrow(ValidationError);
    await updateOrganization({
      ctx: ctxOf(org.owner),
      input: { orgId: org.org.id, name: 'Renamed Brand', website: 'https://renamed.example' },
    });
    const home = await getOrgHome({ ctx: ctxOf(org.viewer), input: { slug: org.org.slug } });
    expect(home.access.org).toMatchObject({ name: 'Renamed Brand', website: 'https://renamed.example' });
    expect(home.recentActivity[0].action).toBe('organization.updated');
  });
});
