CREATE TABLE "influencer_metrics" (
	"owner_org_id" uuid NOT NULL,
	"influencer_id" uuid NOT NULL,
	"followers" bigint,
	"followers_now_with_past" bigint,
	"followers_past" bigint,
	"growth_30d" double precision,
	"platforms" text[] NOT NULL,
	"handles" text NOT NULL,
	"accounts" jsonb NOT NULL,
	"captured_at" timestamp with time zone,
	"engagement_rate" double precision,
	"engagement_rate_basis" text,
	"median_views" double precision,
	"posts_per_week" double precision,
	CONSTRAINT "influencer_metrics_owner_org_id_influencer_id_pk" PRIMARY KEY("owner_org_id","influencer_id")
);
--> statement-breakpoint
ALTER TABLE "influencer_metrics" ADD CONSTRAINT "influencer_metrics_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;