import type { EngagementRateBasis } from '@/lib/analytics/list-roster';

/** How an influencer's engagement rate was obtained, as shown next to the value. */
export const ENGAGEMENT_BASIS_LABEL: Record<EngagementRateBasis, string> = {
  followers: 'by followers',
  reported: 'reported',
  views: 'by views',
};
