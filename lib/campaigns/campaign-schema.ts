import { z } from 'zod';
import type { Campaign, CampaignGoals } from '@/db/schema';
import { amountMinor, blank, count, currencyCode, day, optionalText } from '../form-fields';

/** A campaign's lifecycle status (draft, active, completed, cancelled). */
export type CampaignStatus = Campaign['status'];

/**
 * A campaign as a brand edits it (form fields or JSON). Amounts in major units of `currency`;
 * goals are targets (each optional); `trackingKeywords` comma-separated hashtags or phrases;
 * `taskProgressWeight` in percent (0–100) of campaign progress given to deliverables (the rest to goals).
 */
export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the campaign a name').max(120, 'At most 120 characters'),
    description: optionalText(2_000),
    brief: optionalText(10_000),
    category: optionalText(60),
    budget: amountMinor,
    currency: currencyCode.default('USD'),
    startsOn: day,
    endsOn: day,
    visibility: z.enum(['public', 'private']).default('private'),
    maxInfluencers: count,
    goalImpressions: count,
    goalViews: count,
    goalEngagements: count,
    goalClicks: count,
    goalConversions: count,
    goalRevenue: amountMinor,
    trackingKeywords: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(',') : (v ?? [])),
      z
        .array(z.string().trim().toLowerCase().max(60, 'Keywords are at most 60 characters each'))
        .transform((a) => [...new Set(a.filter(Boolean))])
        .pipe(z.array(z.string()).max(20, 'At most 20 keywords')),
    ),
    taskProgressWeight: z.preprocess(blank, z.coerce.number().min(0, 'Between 0 and 100').max(100, 'Between 0 and 100').default(50)),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn, { path: ['endsOn'], message: 'Ends before it starts' });

/** Raw campaign fields (form strings or JSON values), validated by {@link campaignInputSchema}. */
export type CampaignInput = Record<string, unknown>;
export type CampaignFields = z.output<typeof campaignInputSchema>;

/** The campaigns-table columns of validated fields. */
export function campaignColumns(c: CampaignFields) {
  const goals: CampaignGoals = {};
  if (c.goalImpressions) goals.impressions = c.goalImpressions;
  if (c.goalViews) goals.views = c.goalViews;
  if (c.goalEngagements) goals.engagements = c.goalEngagements;
  if (c.goalClicks) goals.clicks = c.goalClicks;
  if (c.goalConversions) goals.conversions = c.goalConversions;
  if (c.goalRevenue) goals.revenueMinor = c.goalRevenue;
  return {
    name: c.name,
    description: c.description ?? null,
    brief: c.brief ?? null,
    category: c.category ?? null,
    budgetMinor: c.budget ?? null,
    currency: c.currency,
    startsOn: c.startsOn ?? null,
    endsOn: c.endsOn ?? null,
    visibility: c.visibility,
    maxInfluencers: c.maxInfluencers ?? null,
    goals,
    trackingKeywords: c.trackingKeywords,
    taskProgressWeight: c.taskProgressWeight / 100,
  };
}

/** A stored campaign as the strings of its edit form (amounts in major units): the inverse of {@link campaignColumns}. */
export function campaignFormValues(c: {
  name: string;
  description: string | null;
  brief: string | null;
  category: string | null;
  budgetMinor: number | null;
  currency: string;
  startsOn: string | null;
  endsOn: string | null;
  visibility: string;
  maxInfluencers: number | null;
  goals: CampaignGoals;
  trackingKeywords: string[];
  taskProgressWeight: number;
}): Record<string, string> {
  const major = (minor: number | null | undefined) => (minor == null ? '' : String(minor / 100));
  const str = (n: number | null | undefined) => (n == null ? '' : String(n));
  return {
    name: c.name,
    description: c.description ?? '',
    brief: c.brief ?? '',
    category: c.category ?? '',
    budget: major(c.budgetMinor),
    currency: c.currency,
    startsOn: c.startsOn ?? '',
    endsOn: c.endsOn ?? '',
    visibility: c.visibility,
    maxInfluencers: str(c.maxInfluencers),
    goalImpressions: str(c.goals.impressions),
    goalViews: str(c.goals.views),
    goalEngagements: str(c.goals.engagements),
    goalClicks: str(c.goals.clicks),
    goalConversions: str(c.goals.conversions),
    goalRevenue: major(c.goals.revenueMinor),
    trackingKeywords: c.trackingKeywords.join(', '),
    taskProgressWeight: String(Math.round(c.taskProgressWeight * 100)),
  };
}
