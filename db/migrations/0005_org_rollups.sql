CREATE TABLE "influencer_monthly_metrics" (
	"owner_org_id" uuid NOT NULL,
	"influencer_id" uuid NOT NULL,
	"month" date NOT NULL,
	"posts" integer NOT NULL,
	"views" bigint,
	"engagements" bigint,
	"er_engagements" bigint,
	"er_views" bigint,
	CONSTRAINT "influencer_monthly_metrics_owner_org_id_month_influencer_id_pk" PRIMARY KEY("owner_org_id","month","influencer_id")
);
--> statement-breakpoint
CREATE TABLE "org_daily_follower_metrics" (
	"owner_org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"follower_change" bigint NOT NULL,
	"changes" integer NOT NULL,
	CONSTRAINT "org_daily_follower_metrics_owner_org_id_day_pk" PRIMARY KEY("owner_org_id","day")
);
--> statement-breakpoint
CREATE TABLE "org_daily_post_metrics" (
	"owner_org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"revenue_currency" char(3),
	"posts" integer NOT NULL,
	"views" bigint,
	"views_n" integer NOT NULL,
	"reach" bigint,
	"reach_n" integer NOT NULL,
	"impressions" bigint,
	"impressions_n" integer NOT NULL,
	"engagements" bigint,
	"engagements_n" integer NOT NULL,
	"er_engagements" bigint,
	"er_views" bigint,
	"conversions" bigint,
	"conversions_n" integer NOT NULL,
	"revenue_minor" bigint,
	"revenue_n" integer NOT NULL,
	CONSTRAINT "org_daily_post_metrics_uq" UNIQUE NULLS NOT DISTINCT("owner_org_id","day","revenue_currency")
);
--> statement-breakpoint
ALTER TABLE "influencer_monthly_metrics" ADD CONSTRAINT "influencer_monthly_metrics_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_daily_follower_metrics" ADD CONSTRAINT "org_daily_follower_metrics_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_daily_post_metrics" ADD CONSTRAINT "org_daily_post_metrics_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;