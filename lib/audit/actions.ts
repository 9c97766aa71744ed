/**
 * Every audit-log action Reachboard writes, with how the activity feeds say it (after the actor's
 * name: "Vera Lind withdrew an offer"). Writing an action needs its label here: the feeds never
 * show a raw code.
 */
export const AUDIT_ACTION_LABELS = {
  'account.refresh_interval_set': 'changed how often an account is refreshed',
  'account.tracked': 'started tracking an account',
  'account.untracked': 'stopped tracking an account',
  'admin.brand_approved': 'approved a brand',
  'admin.brand_rejected': 'rejected a brand',
  'admin.campaign_deleted': 'removed a campaign',
  'admin.campaign_flagged': 'flagged a campaign',
  'admin.campaign_unflagged': 'cleared a campaign’s flag',
  'admin.claim_rejected': 'rejected an account claim',
  'admin.user_deleted': 'removed a user',
  'admin.user_flagged': 'flagged a user',
  'admin.user_unflagged': 'cleared a user’s flag',
  'benchmark.account_added': 'added a benchmark account',
  'benchmark.account_removed': 'removed a benchmark account',
  'campaign.created': 'created a campaign',
  'campaign.deleted': 'deleted a campaign',
  'campaign.duplicated': 'duplicated a campaign',
  'campaign.post_confirmed': 'confirmed a post of a campaign',
  'campaign.post_linked': 'linked a post to a campaign',
  'campaign.post_unlinked': 'unlinked a post from a campaign',
  'campaign.report_emailed': 'emailed a campaign report',
  'campaign.shortlisted': 'shortlisted an influencer',
  'campaign.status_changed': 'changed a campaign’s status',
  'campaign.unshortlisted': 'removed an influencer from a shortlist',
  'campaign.updated': 'updated a campaign',
  'deliverable.approved': 'approved a deliverable',
  'deliverable.changes_requested': 'asked for changes to a deliverable',
  'deliverable.submitted': 'submitted a deliverable',
  'import.created': 'started an import',
  'influencer.account_removed': 'removed a social account',
  'influencer.claim_cancelled': 'cancelled an account claim',
  'influencer.claim_opened': 'claimed a social account',
  'influencer.claim_review_requested': 'asked for a claim review',
  'influencer.claim_verified': 'verified a social account',
  'influencer.profile_updated': 'updated their creator profile',
  'invitation.created': 'invited a teammate',
  'invitation.revoked': 'revoked an invitation',
  'member.joined': 'joined the team',
  'member.left': 'left the team',
  'member.removed': 'removed a member',
  'member.role_changed': 'changed a member’s role',
  'offer.accepted': 'accepted an offer',
  'offer.applied': 'applied to a campaign',
  'offer.countered': 'countered an offer',
  'offer.edited': 'edited an offer',
  'offer.rejected': 'declined an offer',
  'offer.sent': 'sent an offer',
  'offer.withdrawn': 'withdrew an offer',
  'organization.created': 'created the organization',
  'organization.updated': 'updated the organization',
  'user.admin_created': 'created an admin account',
  'user.email_preferences_updated': 'changed their email preferences',
  'user.email_verified': 'confirmed their email address',
  'user.password_changed': 'changed their password',
  'user.password_reset': 'reset their password',
  'user.profile_updated': 'updated their profile',
  'user.signed_out_everywhere': 'signed out on every device',
  'user.signed_up': 'signed up',
} as const;

/** An audit-log action code. */
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** How the feeds say `action`; a code this version does not know (an older row) reads "made a change". */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : 'made a change';
}
