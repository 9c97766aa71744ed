ALTER TYPE "public"."import_issue_kind" ADD VALUE 'summary';--> statement-breakpoint
ALTER TABLE "org_posts" ADD COLUMN "attributes_captured_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "summary_rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "encoding" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "refresh_post_days" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "refresh_capture_days" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "refresh_accounts" uuid[] DEFAULT '{}' NOT NULL;