CREATE TYPE "public"."benchmark_kind" AS ENUM('own', 'competitor');--> statement-breakpoint
CREATE TABLE "benchmark_accounts" (
	"org_id" uuid NOT NULL,
	"social_account_id" uuid NOT NULL,
	"kind" "benchmark_kind" NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmark_accounts_org_id_social_account_id_pk" PRIMARY KEY("org_id","social_account_id")
);
--> statement-breakpoint
ALTER TABLE "benchmark_accounts" ADD CONSTRAINT "benchmark_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_accounts" ADD CONSTRAINT "benchmark_accounts_social_account_id_social_accounts_id_fk" FOREIGN KEY ("social_account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_accounts" ADD CONSTRAINT "benchmark_accounts_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benchmark_accounts_account_idx" ON "benchmark_accounts" USING btree ("social_account_id");