CREATE TYPE "public"."import_issue_kind" AS ENUM('error', 'duplicate');--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "unchanged" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "layout_id" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "committed_line" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_row_errors" ADD COLUMN "kind" "import_issue_kind" DEFAULT 'error' NOT NULL;