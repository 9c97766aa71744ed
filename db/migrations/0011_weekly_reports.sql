CREATE TABLE "campaign_weekly_totals" (
	"campaign_id" uuid NOT NULL,
	"week" date NOT NULL,
	"totals" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_weekly_totals_campaign_id_week_pk" PRIMARY KEY("campaign_id","week")
);
--> statement-breakpoint
CREATE TABLE "weekly_report_sends" (
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"week" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weekly_report_sends_campaign_id_user_id_week_pk" PRIMARY KEY("campaign_id","user_id","week")
);
--> statement-breakpoint
ALTER TABLE "campaign_weekly_totals" ADD CONSTRAINT "campaign_weekly_totals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_report_sends" ADD CONSTRAINT "weekly_report_sends_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_report_sends" ADD CONSTRAINT "weekly_report_sends_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;