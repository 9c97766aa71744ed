ALTER TABLE "account_metrics" ADD COLUMN "engagement_cv" double precision;--> statement-breakpoint
ALTER TABLE "influencer_metrics" ADD COLUMN "engagement_cv" double precision;--> statement-breakpoint
-- Backfill from the rollups (as lib/rollups/refresh-account-metrics computes it from now on).
UPDATE "account_metrics" am SET "engagement_cv" = c.cv
FROM "account_metrics" a
CROSS JOIN LATERAL (
  SELECT CASE WHEN count(*) >= 10 AND sum(e) > 0 THEN stddev_pop(e) / avg(e) END AS cv
  FROM (SELECT pm.engagements::float8 AS e FROM "post_metrics" pm
        WHERE pm.social_account_id = a.social_account_id AND pm.owner_org_id IS NOT DISTINCT FROM a.owner_org_id
        ORDER BY pm.post_date DESC LIMIT 200) latest
  WHERE e IS NOT NULL AND e >= 0
) c
WHERE am.social_account_id = a.social_account_id AND am.owner_org_id IS NOT DISTINCT FROM a.owner_org_id;--> statement-breakpoint
UPDATE "influencer_metrics" im SET "engagement_cv" = x.cv
FROM (SELECT owner_org_id, influencer_id, max(engagement_cv) AS cv FROM "account_metrics" GROUP BY owner_org_id, influencer_id) x
WHERE im.owner_org_id = x.owner_org_id AND im.influencer_id = x.influencer_id;
