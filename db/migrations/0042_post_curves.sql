CREATE TABLE "post_curves" (
	"owner_org_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"post_date" timestamp with time zone NOT NULL,
	"days" smallint[] NOT NULL,
	"captured_at" timestamp with time zone[] NOT NULL,
	"views" bigint[] NOT NULL,
	"engagements" bigint[] NOT NULL,
	CONSTRAINT "post_curves_owner_org_id_post_id_pk" PRIMARY KEY("owner_org_id","post_id")
);
--> statement-breakpoint
ALTER TABLE "post_curves" ADD CONSTRAINT "post_curves_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "post_curves_post_idx" ON "post_curves" USING btree ("post_id");--> statement-breakpoint
-- A deleted post's early curves go with its snapshots and rollups (no foreign key on post_id, as post_metrics).
CREATE OR REPLACE FUNCTION "delete_snapshots_of_deleted_posts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "post_snapshots" s USING "deleted_posts" d WHERE s."post_id" = d."id";
  DELETE FROM "post_metrics" m USING "deleted_posts" d WHERE m."post_id" = d."id";
  DELETE FROM "post_curves" c USING "deleted_posts" d WHERE c."post_id" = d."id";
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Backfill from the snapshots (as lib/rollups recomputePostCurves computes it): per post of an
-- organization and whole day 0–30 after its post date, that day's latest capture.
INSERT INTO "post_curves" ("owner_org_id", "post_id", "post_date", "days", "captured_at", "views", "engagements")
SELECT c.owner_org_id, c.post_id, c.post_date, array_agg(c.day ORDER BY c.day), array_agg(c.captured_at ORDER BY c.day),
  array_agg(c.views ORDER BY c.day), array_agg(c.engagements ORDER BY c.day)
FROM (
  SELECT DISTINCT ON (pm.owner_org_id, pm.post_id, 4) pm.owner_org_id, pm.post_id, pm.post_date,
    floor(extract(epoch FROM s.captured_at - pm.post_date) / 86400)::smallint AS day, s.captured_at, s.views,
    CASE WHEN s.likes IS NULL AND s.comments IS NULL AND s.shares IS NULL AND s.saves IS NULL THEN NULL
      ELSE coalesce(s.likes, 0) + coalesce(s.comments, 0) + coalesce(s.shares, 0) + coalesce(s.saves, 0) END AS engagements
  FROM "post_metrics" pm JOIN "post_snapshots" s ON s.post_id = pm.post_id AND s.owner_org_id = pm.owner_org_id
  WHERE pm.owner_org_id IS NOT NULL AND s.captured_at >= pm.post_date AND s.captured_at < pm.post_date + interval '31 days'
  ORDER BY pm.owner_org_id, pm.post_id, 4, s.captured_at DESC
) c
GROUP BY c.owner_org_id, c.post_id, c.post_date;
