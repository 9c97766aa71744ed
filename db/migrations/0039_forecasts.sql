CREATE TABLE "forecasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"influencer_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"offer_id" uuid,
	"offer_deliverable_index" integer,
	"deliverable_id" uuid,
	"fee_minor" bigint,
	"currency" char(3),
	"model_version" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"views_point" double precision,
	"views_p10" double precision,
	"views_p90" double precision,
	"engagements_point" double precision,
	"engagements_p10" double precision,
	"engagements_p90" double precision,
	"completion_probability" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"views_7d" bigint,
	"engagements_7d" bigint,
	"outcome_7d_at" timestamp with time zone,
	"views_30d" bigint,
	"engagements_30d" bigint,
	"outcome_30d_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_influencer_id_influencers_id_fk" FOREIGN KEY ("influencer_id") REFERENCES "public"."influencers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecasts_org_idx" ON "forecasts" USING btree ("org_id","platform","created_at");--> statement-breakpoint
CREATE INDEX "forecasts_offer_idx" ON "forecasts" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "forecasts_deliverable_idx" ON "forecasts" USING btree ("deliverable_id");