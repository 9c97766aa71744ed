ALTER TABLE "post_snapshots" DROP CONSTRAINT "post_snapshots_natural_uq";--> statement-breakpoint
ALTER TABLE "post_snapshots" DROP CONSTRAINT "post_snapshots_post_id_posts_id_fk";
--> statement-breakpoint
DROP INDEX "post_snapshots_owner_idx";--> statement-breakpoint
ALTER TABLE "post_snapshots" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "post_snapshots" ADD CONSTRAINT "post_snapshots_natural_uq" UNIQUE NULLS NOT DISTINCT("post_id","owner_org_id","captured_at");--> statement-breakpoint
-- In place of the foreign key's cascade: deleting posts deletes their snapshots (one statement per
-- deleting statement, through the natural key's post prefix; nothing per inserted snapshot).
CREATE FUNCTION "delete_snapshots_of_deleted_posts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "post_snapshots" s USING "deleted_posts" d WHERE s."post_id" = d."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "posts_delete_snapshots" AFTER DELETE ON "posts"
  REFERENCING OLD TABLE AS "deleted_posts" FOR EACH STATEMENT EXECUTE FUNCTION "delete_snapshots_of_deleted_posts"();
