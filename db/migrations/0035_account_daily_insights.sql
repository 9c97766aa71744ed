CREATE TABLE "account_daily_insights" (
	"social_account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" bigint,
	"watch_minutes" bigint,
	"subscribers_gained" bigint,
	"subscribers_lost" bigint,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_daily_insights_social_account_id_day_pk" PRIMARY KEY("social_account_id","day")
);
--> statement-breakpoint
ALTER TABLE "account_daily_insights" ADD CONSTRAINT "account_daily_insights_social_account_id_social_accounts_id_fk" FOREIGN KEY ("social_account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;