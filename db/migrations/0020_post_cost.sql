ALTER TABLE "org_posts" ADD COLUMN "cost_minor" bigint;--> statement-breakpoint
ALTER TABLE "org_posts" ADD COLUMN "cost_currency" char(3);--> statement-breakpoint
CREATE INDEX "org_posts_cost_idx" ON "org_posts" USING btree ("org_id") WHERE cost_minor is not null;