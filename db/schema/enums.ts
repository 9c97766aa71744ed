import { pgEnum } from 'drizzle-orm/pg-core';

/** Platform-wide account kind, chosen at sign-up (admins are created by CLI). */
export const userRole = pgEnum('user_role', ['admin', 'brand', 'influencer', 'fan']);
/** Role of a member inside a brand organization. */
export const memberRole = pgEnum('member_role', ['owner', 'manager', 'viewer']);
/**
 * What an organization is: a `brand` (campaigns, team, approval by an admin) or a `creator`
 * workspace, the private analytics space every influencer gets for their own accounts.
 */
export const organizationKind = pgEnum('organization_kind', ['brand', 'creator']);
export const approvalStatus = pgEnum('approval_status', ['pending', 'approved', 'rejected']);
export const platform = pgEnum('platform', ['youtube', 'instagram', 'tiktok', 'twitch', 'dailymotion']);
/** Where a stored metric value came from. An `estimated` value is never shown as a measurement. */
export const provenance = pgEnum('provenance', ['api', 'csv', 'manual', 'estimated']);
export const mediaType = pgEnum('media_type', ['video', 'short', 'reel', 'image', 'carousel', 'story', 'live', 'text', 'other']);
export const campaignVisibility = pgEnum('campaign_visibility', ['public', 'private']);
export const campaignStatus = pgEnum('campaign_status', ['draft', 'active', 'completed', 'cancelled']);
export const collaborationStatus = pgEnum('collaboration_status', ['active', 'completed', 'cancelled']);
/** Which side of a brand–influencer relationship acted. */
export const side = pgEnum('side', ['brand', 'influencer']);
export const offerStatus = pgEnum('offer_status', ['pending', 'countered', 'accepted', 'rejected', 'withdrawn']);
export const deliverableStatus = pgEnum('deliverable_status', ['pending', 'submitted', 'changes_requested', 'approved']);
export const campaignPostSource = pgEnum('campaign_post_source', ['manual', 'hashtag', 'deliverable']);
export const campaignPostStatus = pgEnum('campaign_post_status', ['proposed', 'confirmed', 'rejected']);
export const importKind = pgEnum('import_kind', ['account', 'post']);
export const importStatus = pgEnum('import_status', ['queued', 'running', 'completed', 'failed']);
export const emailStatus = pgEnum('email_status', ['captured', 'sent', 'failed']);
/** A reported import row: rejected (`error`) or skipped as a repeat of an earlier row of the file (`duplicate`). */
export const importIssueKind = pgEnum('import_issue_kind', ['error', 'duplicate', 'summary']);
/** Where a creator's claim of a social account stands (db/schema/account-claims.ts). */
export const claimStatus = pgEnum('claim_status', ['pending', 'verified', 'rejected']);
/** How a claim was proven: the code read back through the platform's API, or an admin's review. */
export const claimMethod = pgEnum('claim_method', ['bio_code', 'review', 'connection']);
/**
 * The health of a creator's platform connection: `expiring` when its token can no longer be renewed
 * and ends within 7 days; `reauth_required` when the platform refused it (revoked, password
 * changed); `revoked` after the creator disconnected.
 */
export const connectionStatus = pgEnum('connection_status', ['connected', 'expiring', 'reauth_required', 'revoked']);
/** A tracked conversion: a lead (sign-up, form) or a sale (an order with revenue). */
export const conversionKind = pgEnum('conversion_kind', ['lead', 'sale']);
/**
 * How a conversion was credited to a collaboration: the last tracked click, a discount code, an
 * imported file, a manual entry, or Google Analytics 4.
 */
export const attributionMethod = pgEnum('attribution_method', ['click', 'code', 'import', 'manual', 'ga4']);
/**
 * Whether a conversion counts for its campaign: `attributed`; `outside_window` (matched a click or
 * code, but after the campaign's attribution window: kept and labelled "unqualified"); or
 * `unattributed` (no click or code matched). Never dropped.
 */
export const attributionStatus = pgEnum('attribution_status', ['attributed', 'outside_window', 'unattributed']);
