CREATE TABLE "account_daily_metrics" (
	"owner_org_id" uuid,
	"social_account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"followers" bigint,
	"following" bigint,
	"posts_count" bigint,
	"total_views" bigint,
	"reported_engagement_rate" double precision,
	"provenance" "provenance" NOT NULL,
	CONSTRAINT "account_daily_metrics_uq" UNIQUE NULLS NOT DISTINCT("social_account_id","owner_org_id","day")
);
--> statement-breakpoint
CREATE TABLE "account_metrics" (
	"owner_org_id" uuid,
	"social_account_id" uuid NOT NULL,
	"influencer_id" uuid NOT NULL,
	"followers" bigint,
	"followers_captured_at" timestamp with time zone,
	"followers_30d_ago" bigint,
	"reported_engagement_rate" double precision,
	"posts_tracked" integer DEFAULT 0 NOT NULL,
	"posts_90d" integer DEFAULT 0 NOT NULL,
	"median_views" double precision,
	"median_engagements" double precision,
	"engagement_rate_by_views" double precision,
	"engagement_rate_by_followers" double precision,
	"last_post_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_metrics_uq" UNIQUE NULLS NOT DISTINCT("social_account_id","owner_org_id")
);
--> statement-breakpoint
CREATE TABLE "post_metrics" (
	"owner_org_id" uuid,
	"post_id" uuid NOT NULL,
	"social_account_id" uuid NOT NULL,
	"published_at" timestamp with time zone,
	"captured_at" timestamp with time zone NOT NULL,
	"first_captured_at" timestamp with time zone NOT NULL,
	"post_date" timestamp with time zone GENERATED ALWAYS AS (coalesce(published_at, first_captured_at)) STORED NOT NULL,
	"views" bigint,
	"likes" bigint,
	"comments" bigint,
	"shares" bigint,
	"saves" bigint,
	"reach" bigint,
	"impressions" bigint,
	"clicks" bigint,
	"conversions" bigint,
	"revenue_minor" bigint,
	"revenue_currency" char(3),
	"provenance" "provenance" NOT NULL,
	"engagements" bigint GENERATED ALWAYS AS (case when likes is null and comments is null and shares is null and saves is null then null
        else coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) end) STORED,
	CONSTRAINT "post_metrics_owner_post_uq" UNIQUE NULLS NOT DISTINCT("owner_org_id","post_id")
);
--> statement-breakpoint
ALTER TABLE "account_daily_metrics" ADD CONSTRAINT "account_daily_metrics_social_account_id_social_accounts_id_fk" FOREIGN KEY ("social_account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_metrics" ADD CONSTRAINT "account_metrics_social_account_id_social_accounts_id_fk" FOREIGN KEY ("social_account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_metrics" ADD CONSTRAINT "post_metrics_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_daily_metrics_owner_day_idx" ON "account_daily_metrics" USING btree ("owner_org_id","day");--> statement-breakpoint
CREATE INDEX "account_metrics_owner_influencer_idx" ON "account_metrics" USING btree ("owner_org_id","influencer_id");--> statement-breakpoint
CREATE INDEX "post_metrics_owner_date_idx" ON "post_metrics" USING btree ("owner_org_id","post_date");--> statement-breakpoint
CREATE INDEX "post_metrics_account_idx" ON "post_metrics" USING btree ("social_account_id","owner_org_id","post_date");--> statement-breakpoint
CREATE INDEX "post_metrics_post_idx" ON "post_metrics" USING btree ("post_id");--> statement-breakpoint
-- Backfill the rollups from the snapshots already stored (docs/decision-rollups.md).
INSERT INTO "post_metrics" ("owner_org_id", "post_id", "social_account_id", "published_at", "captured_at", "first_captured_at", "views", "likes", "comments", "shares", "saves", "reach", "impressions", "clicks", "conversions", "revenue_minor", "revenue_currency", "provenance")
SELECT DISTINCT ON (s."owner_org_id", s."post_id") s."owner_org_id", s."post_id", p."social_account_id", p."published_at", s."captured_at", min(s."captured_at") OVER (PARTITION BY s."owner_org_id", s."post_id"), s."views", s."likes", s."comments", s."shares", s."saves", s."reach", s."impressions", s."clicks", s."conversions", s."revenue_minor", s."revenue_currency", s."provenance"
FROM "post_snapshots" s JOIN "posts" p ON p."id" = s."post_id"
ORDER BY s."owner_org_id", s."post_id", s."captured_at" DESC;
--> statement-breakpoint
INSERT INTO "account_daily_metrics" ("owner_org_id", "social_account_id", "day", "captured_at", "followers", "following", "posts_count", "total_views", "reported_engagement_rate", "provenance")
SELECT DISTINCT ON (s."social_account_id", s."owner_org_id", (s."captured_at" AT TIME ZONE 'UTC')::date) s."owner_org_id", s."social_account_id", (s."captured_at" AT TIME ZONE 'UTC')::date, s."captured_at", s."followers", s."following", s."posts_count", s."total_views", s."reported_engagement_rate", s."provenance"
FROM "account_snapshots" s
ORDER BY s."social_account_id", s."owner_org_id", (s."captured_at" AT TIME ZONE 'UTC')::date, s."captured_at" DESC;
