-- Ready export files move from their text column into the file store (one chunk each).
INSERT INTO "stored_files" ("key", "size", "complete")
  SELECT 'exports/' || "id" || '.csv', octet_length(convert_to("content", 'UTF8')), true FROM "export_files" WHERE "content" IS NOT NULL;
--> statement-breakpoint
INSERT INTO "stored_file_chunks" ("file_key", "seq", "data")
  SELECT 'exports/' || "id" || '.csv', 0, convert_to("content", 'UTF8') FROM "export_files" WHERE "content" IS NOT NULL;
--> statement-breakpoint
UPDATE "export_files" SET "storage_key" = 'exports/' || "id" || '.csv' WHERE "content" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "export_files" DROP COLUMN "content";
