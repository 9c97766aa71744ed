import { z } from 'zod';
import { platform } from '@/db/schema';
import { amountMinor, day, optionalText } from '../form-fields';

/** Most deliverables one offer round can request. */
const MAX_DELIVERABLES = 10;

/** One requested deliverable: what, on which platform, due when (YYYY-MM-DD, optional). */
const deliverableInputSchema = z.object({
  title: z.string().trim().min(1, 'Name the deliverable').max(120, 'At most 120 characters'),
  platform: z.enum(platform.enumValues, 'Choose the platform'),
  dueOn: day,
});

/**
 * The terms of one negotiation round: the fee in major units of the campaign currency (0 for a
 * product-only deal), free-text terms, an overall due date and the deliverables requested.
 */
export const offerTermsSchema = z.object({
  fee: amountMinor.refine((v) => v !== undefined, 'Enter the fee (0 for product only)'),
  terms: optionalText(4_000),
  dueOn: day,
  deliverables: z.array(deliverableInputSchema).max(MAX_DELIVERABLES, `At most ${MAX_DELIVERABLES} deliverables`).default([]),
});
/** Raw terms as a form or a client sends them; validated by {@link offerTermsSchema}. */
export type OfferTermsInput = { fee?: unknown; terms?: unknown; dueOn?: unknown; deliverables?: Record<string, unknown>[] };
export type OfferTerms = {
  feeMinor: number;
  terms: string | null;
  dueOn: string | null;
  deliverables: z.output<typeof deliverableInputSchema>[];
};

/** Validated terms as round columns. */
export function toOfferTerms(t: z.output<typeof offerTermsSchema>): OfferTerms {
  return { feeMinor: t.fee!, terms: t.terms ?? null, dueOn: t.dueOn ?? null, deliverables: t.deliverables };
}

/** An influencer's application: the pitch and the proposed fee. */
export const applicationSchema = z.object({
  pitch: z
    .string()
    .trim()
    .min(20, 'Tell the brand in a few sentences why you fit (20 characters or more)')
    .max(2_000, 'At most 2,000 characters'),
  fee: amountMinor.refine((v) => v !== undefined, 'Enter the fee you propose (0 for product only)'),
});
