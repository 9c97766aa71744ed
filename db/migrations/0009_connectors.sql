CREATE TABLE "connector_quota_usage" (
	"platform" "platform" NOT NULL,
	"day" date NOT NULL,
	"units_used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "connector_quota_usage_platform_day_pk" PRIMARY KEY("platform","day")
);
--> statement-breakpoint
CREATE TABLE "tracked_accounts" (
	"org_id" uuid NOT NULL,
	"social_account_id" uuid NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracked_accounts_org_id_social_account_id_pk" PRIMARY KEY("org_id","social_account_id")
);
--> statement-breakpoint
ALTER TABLE "social_accounts" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracked_accounts" ADD CONSTRAINT "tracked_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_accounts" ADD CONSTRAINT "tracked_accounts_social_account_id_social_accounts_id_fk" FOREIGN KEY ("social_account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_accounts" ADD CONSTRAINT "tracked_accounts_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;