import { z } from 'zod';
import { utmTemplates } from '@/db/schema';
import { audit } from '../audit/write-audit';
import { requireOrgRole } from '../authz/guards';
import type { VerbArgs } from '../context';
import { withTransaction } from '../transaction';
import { parseInput, type Untrusted } from '../validation';

const part = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(100, 'is longer than 100 characters')
  .regex(/^[A-Za-z0-9 _.{}-]+$/, 'Use letters, digits, spaces, - _ . and {platform}, {campaign}, {influencer}')
  .refine((v) => (v.match(/\{[^}]*\}/g) ?? []).every((p) => ['{platform}', '{campaign}', '{influencer}'].includes(p)), {
    message: 'Only {platform}, {campaign} and {influencer} are filled in',
  });

const schema = z.object({
  orgSlug: z.string().min(1),
  name: z.string().trim().min(1, 'Name the template').max(60, 'is longer than 60 characters'),
  utmSource: part,
  utmMedium: part,
  utmCampaign: part,
  utmContent: part,
});

/**
 * Saves a UTM template under its name (saving a name again replaces its fields). Placeholders
 * `{platform}`, `{campaign}`, `{influencer}` are filled per link. Manager or owner.
 * @throws ValidationError; NotFoundError; ForbiddenError.
 */
export async function saveUtmTemplate({ ctx, input }: VerbArgs<Untrusted<z.input<typeof schema>>>) {
  const data = parseInput(schema, input);
  return withTransaction(ctx, async (tx) => {
    const { org } = await requireOrgRole(tx, ctx, { slug: data.orgSlug }, 'manager');
    const fields = { utmSource: data.utmSource, utmMedium: data.utmMedium, utmCampaign: data.utmCampaign, utmContent: data.utmContent };
    const [row] = await tx
      .insert(utmTemplates)
      .values({ orgId: org.id, name: data.name, ...fields })
      .onConflictDoUpdate({ target: [utmTemplates.orgId, utmTemplates.name], set: fields })
      .returning({ id: utmTemplates.id });
    await audit(tx, ctx, {
      orgId: org.id,
      action: 'attribution.utm_template_saved',
      targetType: 'utm_template',
      targetId: row.id,
      after: { name: data.name, ...fields },
    });
    return row;
  });
}
