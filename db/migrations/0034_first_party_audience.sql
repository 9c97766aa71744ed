CREATE TABLE "audience_demographics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"social_account_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"breakdown" text NOT NULL,
	"bucket" text,
	"count" bigint,
	"share" double precision NOT NULL,
	"source" text NOT NULL,
	"captured_on" date NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audience_demographics_uq" UNIQUE NULLS NOT DISTINCT("social_account_id","breakdown","bucket","captured_on")
);
--> statement-breakpoint
ALTER TABLE "account_snapshots" ADD COLUMN "first_party" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "post_snapshots" ADD COLUMN "first_party" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audience_demographics" ADD CONSTRAINT "audience_demographics_social_account_id_social_accounts_id_fk" FOREIGN KEY ("social_account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audience_demographics_country_idx" ON "audience_demographics" USING btree ("breakdown","bucket","share");