import { Badge } from '@/components/ui/badge';

/**
 * Whether a profile belongs to a creator on Reachboard, and whether they proved control of its
 * accounts: "verified" (green) or "unverified" (amber, never shown as verified).
 */
export function CreatorStatusBadge({ claimed, verified }: { claimed: boolean; verified: boolean }) {
  if (!claimed) return null;
  return verified ? (
    <span title="The creator proved control of their account (verification code or Reachboard review)">
      <Badge tone="green">on Reachboard · verified</Badge>
    </span>
  ) : (
    <span title="The creator has not proved control of the accounts they named yet">
      <Badge tone="amber">on Reachboard · unverified</Badge>
    </span>
  );
}
