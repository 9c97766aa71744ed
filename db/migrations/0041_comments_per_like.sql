ALTER TABLE "account_metrics" ADD COLUMN "comments_per_like" double precision;--> statement-breakpoint
-- Backfill from the rollups (as lib/rollups/refresh-account-metrics computes it from now on).
UPDATE "account_metrics" am SET "comments_per_like" = c.cpl
FROM (
  SELECT pm.social_account_id, pm.owner_org_id, sum(pm.comments)::float8 / nullif(sum(pm.likes), 0) AS cpl
  FROM "post_metrics" pm WHERE pm.likes IS NOT NULL AND pm.comments IS NOT NULL
  GROUP BY pm.social_account_id, pm.owner_org_id
) c
WHERE am.social_account_id = c.social_account_id AND am.owner_org_id IS NOT DISTINCT FROM c.owner_org_id;
