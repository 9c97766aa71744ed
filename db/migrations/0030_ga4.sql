CREATE TABLE "ga4_campaign_metrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"ga4_property_id" uuid NOT NULL,
	"day" date NOT NULL,
	"session_campaign_name" text NOT NULL,
	"session_source" text NOT NULL,
	"session_manual_ad_content" text NOT NULL,
	"sessions" integer NOT NULL,
	"key_events" double precision NOT NULL,
	"revenue_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ga4_campaign_metrics_row_uq" UNIQUE("ga4_property_id","day","session_campaign_name","session_source","session_manual_ad_content")
);
--> statement-breakpoint
CREATE TABLE "ga4_properties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"property_id" text NOT NULL,
	"name" text NOT NULL,
	"currency" char(3),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "ga4_properties_org_property_uq" UNIQUE("org_id","property_id")
);
--> statement-breakpoint
ALTER TABLE "ga4_campaign_metrics" ADD CONSTRAINT "ga4_campaign_metrics_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ga4_campaign_metrics" ADD CONSTRAINT "ga4_campaign_metrics_ga4_property_id_ga4_properties_id_fk" FOREIGN KEY ("ga4_property_id") REFERENCES "public"."ga4_properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ga4_properties" ADD CONSTRAINT "ga4_properties_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ga4_properties" ADD CONSTRAINT "ga4_properties_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ga4_campaign_metrics_org_idx" ON "ga4_campaign_metrics" USING btree ("org_id","session_campaign_name");