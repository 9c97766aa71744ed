ALTER TABLE "account_metrics" ADD COLUMN "first_post_in_90d_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "org_daily_post_metrics" ADD COLUMN "likes_n" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "org_daily_post_metrics" ADD COLUMN "comments_n" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "org_daily_post_metrics" ADD COLUMN "shares_n" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "org_daily_post_metrics" ADD COLUMN "saves_n" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "org_daily_post_metrics" d SET "likes_n" = x.likes_n, "comments_n" = x.comments_n, "shares_n" = x.shares_n, "saves_n" = x.saves_n
FROM (
  SELECT owner_org_id, (post_date AT TIME ZONE 'UTC')::date AS day, revenue_currency,
    count(likes)::int AS likes_n, count(comments)::int AS comments_n, count(shares)::int AS shares_n, count(saves)::int AS saves_n
  FROM post_metrics GROUP BY 1, 2, 3
) x
WHERE d.owner_org_id = x.owner_org_id AND d.day = x.day AND d.revenue_currency IS NOT DISTINCT FROM x.revenue_currency;--> statement-breakpoint
UPDATE "account_metrics" am SET "first_post_in_90d_at" = (
  SELECT min(pm.post_date) FROM post_metrics pm
  WHERE pm.social_account_id = am.social_account_id AND pm.owner_org_id IS NOT DISTINCT FROM am.owner_org_id
    AND pm.post_date > am.last_post_at - interval '90 days'
) WHERE am.last_post_at IS NOT NULL;
