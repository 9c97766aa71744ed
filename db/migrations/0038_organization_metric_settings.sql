ALTER TABLE "organizations" ADD COLUMN "engagement_rate_basis" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "attribution_window_days" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reporting_currency" char(3);--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "metric_settings_updated_at" timestamp with time zone;