ALTER TABLE "ga4_properties" ADD COLUMN "service_account_email" text;--> statement-breakpoint
ALTER TABLE "ga4_properties" ADD COLUMN "service_account_key" text;