ALTER TABLE "account_daily_insights" ADD COLUMN "paid_subscribers" bigint;--> statement-breakpoint
ALTER TABLE "account_daily_insights" ADD COLUMN "subscriber_points" bigint;