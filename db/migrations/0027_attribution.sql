CREATE TYPE "public"."attribution_method" AS ENUM('click', 'code', 'import', 'manual', 'ga4');--> statement-breakpoint
CREATE TYPE "public"."attribution_status" AS ENUM('attributed', 'outside_window', 'unattributed');--> statement-breakpoint
CREATE TYPE "public"."conversion_kind" AS ENUM('lead', 'sale');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "conversion_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"conversion_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discount_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"influencer_id" uuid NOT NULL,
	"code" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_codes_org_code_uq" UNIQUE("org_id","code")
);
--> statement-breakpoint
CREATE TABLE "utm_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"utm_source" text NOT NULL,
	"utm_medium" text NOT NULL,
	"utm_campaign" text NOT NULL,
	"utm_content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "utm_templates_org_name_uq" UNIQUE("org_id","name")
);
--> statement-breakpoint
ALTER TABLE "conversions" DROP CONSTRAINT "conversions_org_external_uq";--> statement-breakpoint
ALTER TABLE "tracking_links" DROP CONSTRAINT "tracking_links_slug_unique";--> statement-breakpoint
ALTER TABLE "tracking_links" DROP CONSTRAINT "tracking_links_influencer_id_influencers_id_fk";
--> statement-breakpoint
DROP INDEX "tracking_links_campaign_idx";--> statement-breakpoint
-- No release wrote tracking links or clicks before this migration (the tables were unused): clear them
-- so the new required columns need no invented values.
DELETE FROM "link_clicks";--> statement-breakpoint
UPDATE "conversions" SET "tracking_link_id" = NULL WHERE "tracking_link_id" IS NOT NULL;--> statement-breakpoint
DELETE FROM "tracking_links";--> statement-breakpoint
ALTER TABLE "link_clicks" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "link_clicks" ALTER COLUMN "id" SET DATA TYPE uuid USING gen_random_uuid();--> statement-breakpoint
ALTER TABLE "link_clicks" ALTER COLUMN "clicked_at" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "link_clicks" ALTER COLUMN "visitor_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tracking_links" ALTER COLUMN "influencer_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "attribution_window_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "code_beats_click" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "kind" "conversion_kind" DEFAULT 'sale' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "refunded_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "attributed_by" "attribution_method";--> statement-breakpoint
-- Conversions stored before attribution existed were entered or imported against their campaign and influencer.
UPDATE "conversions" SET "attributed_by" = CASE WHEN "provenance" = 'csv' THEN 'import'::"attribution_method" ELSE 'manual'::"attribution_method" END;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "attribution_status" "attribution_status" DEFAULT 'attributed' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "click_id" uuid;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "discount_code" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "customer_external_id" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "window_days" integer;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD COLUMN "org_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD COLUMN "country" char(2);--> statement-breakpoint
ALTER TABLE "link_clicks" ADD COLUMN "device" text NOT NULL;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD COLUMN "referrer_host" text;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD COLUMN "is_bot" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "tracking_links" ADD COLUMN "key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "tracking_links" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracking_links" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracking_links" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_refunds" ADD CONSTRAINT "conversion_refunds_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_refunds" ADD CONSTRAINT "conversion_refunds_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_influencer_id_influencers_id_fk" FOREIGN KEY ("influencer_id") REFERENCES "public"."influencers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "utm_templates" ADD CONSTRAINT "utm_templates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_org_idx" ON "api_keys" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversion_refunds_org_external_uq" ON "conversion_refunds" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "discount_codes_campaign_idx" ON "discount_codes" USING btree ("campaign_id");--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD CONSTRAINT "link_clicks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_influencer_id_influencers_id_fk" FOREIGN KEY ("influencer_id") REFERENCES "public"."influencers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversions_org_idx" ON "conversions" USING btree ("org_id","occurred_at");--> statement-breakpoint
CREATE INDEX "tracking_links_campaign_idx" ON "tracking_links" USING btree ("campaign_id","influencer_id");--> statement-breakpoint
ALTER TABLE "link_clicks" DROP COLUMN "referrer";--> statement-breakpoint
ALTER TABLE "tracking_links" DROP COLUMN "slug";--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_org_kind_external_uq" UNIQUE("org_id","kind","external_id");--> statement-breakpoint
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_key_unique" UNIQUE("key");--> statement-breakpoint
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_collaboration_destination_uq" UNIQUE("campaign_id","influencer_id","destination_url");