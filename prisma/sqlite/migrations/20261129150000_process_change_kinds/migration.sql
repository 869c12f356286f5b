-- AlterTable
ALTER TABLE "process_changes" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'update';

-- Rows from before this migration: a creation is the only change without previous values.
UPDATE "process_changes" SET "kind" = 'create' WHERE "previousName" IS NULL;

-- Inserts and deletes get history rows whoever writes them (docs/decisions/016-outside-inserts-and-deletes.md),
-- with actor "unknown". The app's own creations and deletions (seed, CLI) are written by these triggers too,
-- and the app relabels the rows of its own transaction as actor "system" (lib/processes/create-processes.ts).
-- SQLite's single writer keeps change ids in commit order.
CREATE TRIGGER "processes_inserted" AFTER INSERT ON "processes"
BEGIN
  INSERT INTO "process_changes" ("processId", "version", "name", "comment", "changedAt", "actorType", "kind")
  VALUES (NEW."id", NEW."version", NEW."name", NEW."comment", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'unknown', 'create');
END;

-- A deletion's row holds the last values, both as the row's values and as previous ones, and the last version.
CREATE TRIGGER "processes_deleted" AFTER DELETE ON "processes"
BEGIN
  INSERT INTO "process_changes" ("processId", "version", "name", "comment", "previousName", "previousComment", "changedAt", "actorType", "kind")
  VALUES (OLD."id", OLD."version", OLD."name", OLD."comment", OLD."name", OLD."comment", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'unknown', 'delete');
END;
