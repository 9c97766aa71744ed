CREATE TABLE "account_period_insights" (
	"social_account_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"reach" bigint,
	"views" bigint,
	"accounts_engaged" bigint,
	"total_interactions" bigint,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_period_insights_social_account_id_period_end_pk" PRIMARY KEY("social_account_id","period_end")
);
--> statement-breakpoint
ALTER TABLE "account_period_insights" ADD CONSTRAINT "account_period_insights_social_account_id_social_accounts_id_fk" FOREIGN KEY ("social_account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;