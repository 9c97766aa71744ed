CREATE TYPE "public"."organization_kind" AS ENUM('brand', 'creator');--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "kind" "organization_kind" DEFAULT 'brand' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "influencer_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_influencer_id_influencers_id_fk" FOREIGN KEY ("influencer_id") REFERENCES "public"."influencers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_influencer_id_unique" UNIQUE("influencer_id");--> statement-breakpoint
-- Every influencer with an account gets a creator workspace, owned by them, with their own profile on its roster.
INSERT INTO "organizations" ("name", "slug", "kind", "influencer_id")
SELECT i."display_name" || ' · creator analytics', 'creator-' || substr(md5(i."id"::text), 1, 10), 'creator', i."id"
FROM "influencers" i
WHERE i."user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "organizations" o WHERE o."influencer_id" = i."id");--> statement-breakpoint
INSERT INTO "memberships" ("org_id", "user_id", "role")
SELECT o."id", i."user_id", 'owner' FROM "organizations" o JOIN "influencers" i ON i."id" = o."influencer_id"
WHERE o."kind" = 'creator' AND i."user_id" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "org_influencers" ("org_id", "influencer_id", "source")
SELECT o."id", o."influencer_id", 'self' FROM "organizations" o WHERE o."kind" = 'creator'
ON CONFLICT DO NOTHING;
