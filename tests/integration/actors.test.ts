import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { auditLog, campaigns } from '@/db/schema';
import { listRoster } from '@/lib/analytics/list-roster';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { systemCtx, type Ctx } from '@/lib/context';
import { ForbiddenError, UnauthorizedError } from '@/lib/errors';
import { cleanupUploads } from '@/lib/imports/cleanup-uploads';
import { getImportSummary } from '@/lib/imports/get-import-summary';
import { createOrg, ctxOf } from '../factories';

let brand: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  brand = await createOrg({ approved: true });
});

describe('the tagged actor', () => {
  it('an API key is not a member: member verbs refuse it, even for its own organization', async () => {
    const apiKey: Ctx = { actor: { kind: 'apiKey', keyId: 'key-1', orgId: brand.org.id, scopes: ['track'] } };
    await expect(listRoster({ ctx: apiKey, input: { orgSlug: brand.org.slug, query: {} } })).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(createCampaign({ ctx: apiKey, input: { orgSlug: brand.org.slug, campaign: { name: 'By key' } } })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(getImportSummary({ ctx: apiKey, input: { orgSlug: brand.org.slug, jobId: brand.org.id } })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('only a system process runs system verbs; a signed-in admin does not', async () => {
    const admin = { id: brand.owner.id, role: 'admin' as const, email: 'a@test.example', name: 'Admin' };
    await expect(cleanupUploads({ ctx: ctxOf(admin), input: {} })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(cleanupUploads({ ctx: ctxOf(null), input: {} })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(cleanupUploads({ ctx: systemCtx('test'), input: {} })).resolves.toBeTypeOf('number');
  });

  it('the audit log names the signed-in member who acted', async () => {
    const { id } = await createCampaign({
      ctx: ctxOf(brand.manager),
      input: { orgSlug: brand.org.slug, campaign: { name: 'Spring drop' } },
    });
    const db = await getDb();
    const [row] = await db
      .select({ actorId: auditLog.actorId, action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'campaign.created')));
    expect(row).toEqual({ actorId: brand.manager.id, action: 'campaign.created' });
    const [campaign] = await db.select({ createdBy: campaigns.createdBy }).from(campaigns).where(eq(campaigns.id, id));
    expect(campaign.createdBy).toBe(brand.manager.id);
  });
});
