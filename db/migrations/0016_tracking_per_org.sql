CREATE TABLE "connector_quota_org_usage" (
	"platform" "platform" NOT NULL,
	"day" date NOT NULL,
	"org_id" uuid NOT NULL,
	"units_used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "connector_quota_org_usage_platform_day_org_id_pk" PRIMARY KEY("platform","day","org_id")
);
--> statement-breakpoint
ALTER TABLE "tracked_accounts" ADD COLUMN "refresh_interval_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "tracked_accounts" ADD COLUMN "last_refreshed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connector_quota_org_usage" ADD CONSTRAINT "connector_quota_org_usage_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each organization keeps the schedule the account had, and its data's last capture.
UPDATE "tracked_accounts" t SET "refresh_interval_hours" = sa."refresh_interval_hours", "last_refreshed_at" = sa."last_refreshed_at"
FROM "social_accounts" sa WHERE sa."id" = t."social_account_id";--> statement-breakpoint
ALTER TABLE "social_accounts" DROP COLUMN "refresh_interval_hours";