ALTER TABLE "account_snapshots" DROP CONSTRAINT "account_snapshots_owner_org_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "account_snapshots" DROP CONSTRAINT "account_snapshots_import_job_id_import_jobs_id_fk";
--> statement-breakpoint
ALTER TABLE "post_snapshots" DROP CONSTRAINT "post_snapshots_owner_org_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "post_snapshots" DROP CONSTRAINT "post_snapshots_import_job_id_import_jobs_id_fk";
