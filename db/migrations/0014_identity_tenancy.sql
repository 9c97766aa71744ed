CREATE TABLE "org_posts" (
	"org_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"social_account_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"platform_post_id" text NOT NULL,
	"published_at" timestamp with time zone,
	"title" text,
	"media_type" "media_type",
	"url" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"platform_category_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_posts_org_id_post_id_pk" PRIMARY KEY("org_id","post_id")
);
--> statement-breakpoint
ALTER TABLE "posts" ALTER COLUMN "social_account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "influencers" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "influencers" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "org_influencers" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "org_influencers" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "org_influencers" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "org_posts" ADD CONSTRAINT "org_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_posts" ADD CONSTRAINT "org_posts_social_account_id_social_accounts_id_fk" FOREIGN KEY ("social_account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_posts_account_idx" ON "org_posts" USING btree ("social_account_id","org_id");--> statement-breakpoint
-- Each organization's view of the posts it measured: what the shared row said (written by whichever
-- import came first; the best that is known of the past), with the account its rollup already uses.
INSERT INTO "org_posts" ("org_id", "post_id", "social_account_id", "platform", "platform_post_id", "published_at", "title", "media_type", "url", "tags", "platform_category_id")
SELECT pm."owner_org_id", p."id", pm."social_account_id", p."platform", p."platform_post_id", p."published_at", p."title", p."media_type", p."url", p."tags", p."platform_category_id"
FROM "post_metrics" pm JOIN "posts" p ON p."id" = pm."post_id"
WHERE pm."owner_org_id" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Each organization keeps the labels its imports gave its influencers.
UPDATE "org_influencers" oi SET "display_name" = i."display_name", "country" = i."country", "category" = i."category"
FROM "influencers" i WHERE i."id" = oi."influencer_id" AND oi."source" = 'import';--> statement-breakpoint
-- Shared attributes come only from verified sources: a post keeps them only where a connector read it.
UPDATE "posts" p SET "social_account_id" = NULL, "title" = NULL, "url" = NULL, "published_at" = NULL, "media_type" = NULL, "tags" = '{}', "platform_category_id" = NULL
WHERE NOT EXISTS (SELECT 1 FROM "post_snapshots" s WHERE s."post_id" = p."id" AND s."provenance" = 'api');--> statement-breakpoint
-- A tracked profile keeps only the platform's name (a connector's), else its handle; no imported country or category.
UPDATE "influencers" i SET
  "display_name" = coalesce(
    (SELECT sa."display_name" FROM "social_accounts" sa WHERE sa."influencer_id" = i."id" AND sa."last_refreshed_at" IS NOT NULL AND sa."display_name" IS NOT NULL ORDER BY sa."created_at" LIMIT 1),
    (SELECT sa."handle" FROM "social_accounts" sa WHERE sa."influencer_id" = i."id" ORDER BY sa."created_at" LIMIT 1),
    i."display_name"),
  "country" = NULL, "category" = NULL
WHERE i."user_id" IS NULL;--> statement-breakpoint
UPDATE "social_accounts" SET "display_name" = NULL WHERE "last_refreshed_at" IS NULL;
