CREATE TABLE "import_job_posts" (
	"import_job_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	CONSTRAINT "import_job_posts_import_job_id_post_id_pk" PRIMARY KEY("import_job_id","post_id")
);
--> statement-breakpoint
ALTER TABLE "import_job_posts" ADD CONSTRAINT "import_job_posts_import_job_id_import_jobs_id_fk" FOREIGN KEY ("import_job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;