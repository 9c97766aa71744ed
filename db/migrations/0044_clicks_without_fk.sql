ALTER TABLE "link_clicks" DROP CONSTRAINT "link_clicks_link_org_fk";--> statement-breakpoint
ALTER TABLE "tracking_links" DROP CONSTRAINT "tracking_links_id_org_uq";--> statement-breakpoint
-- Clicks carry no foreign key (half of the server's cost of a click): the click writer checks each
-- batch's links and organization once and locks them until it commits. The cascade the key gave is
-- this statement-level trigger: deleting links (alone, or with their campaign, collaboration or
-- organization) deletes their clicks, once per deleting statement, through link_clicks_link_idx.
CREATE OR REPLACE FUNCTION "delete_clicks_of_deleted_links"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "link_clicks" c USING "deleted_links" d WHERE c."tracking_link_id" = d."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tracking_links_delete_clicks" AFTER DELETE ON "tracking_links"
  REFERENCING OLD TABLE AS "deleted_links" FOR EACH STATEMENT EXECUTE FUNCTION "delete_clicks_of_deleted_links"();
