ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_id_org_uq" UNIQUE("id","org_id");
--> statement-breakpoint
ALTER TABLE "link_clicks" DROP CONSTRAINT "link_clicks_org_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "link_clicks" DROP CONSTRAINT "link_clicks_tracking_link_id_tracking_links_id_fk";
--> statement-breakpoint
ALTER TABLE "link_clicks" ADD CONSTRAINT "link_clicks_link_org_fk" FOREIGN KEY ("tracking_link_id","org_id") REFERENCES "public"."tracking_links"("id","org_id") ON DELETE cascade ON UPDATE no action;
