ALTER TABLE "post_metrics" DROP CONSTRAINT "post_metrics_post_id_posts_id_fk";
--> statement-breakpoint
-- The trigger on posts deletes a deleted post's rollups with its snapshots (through post_metrics_post_idx).
CREATE OR REPLACE FUNCTION "delete_snapshots_of_deleted_posts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "post_snapshots" s USING "deleted_posts" d WHERE s."post_id" = d."id";
  DELETE FROM "post_metrics" m USING "deleted_posts" d WHERE m."post_id" = d."id";
  RETURN NULL;
END $$;
