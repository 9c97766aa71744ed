DROP INDEX "post_metrics_owner_date_idx";--> statement-breakpoint
CREATE INDEX "post_metrics_owner_date_cover_idx" ON "post_metrics" USING btree ("owner_org_id","post_date","social_account_id","views","engagements");--> statement-breakpoint
CREATE INDEX "post_metrics_owner_engagements_idx" ON "post_metrics" USING btree ("owner_org_id","engagements" DESC NULLS LAST);