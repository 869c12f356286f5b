-- AlterTable
ALTER TABLE "process_changes" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'update';

-- Rows from before this migration: a creation is the only change without previous values.
UPDATE "process_changes" SET "kind" = 'create' WHERE "previousName" IS NULL;

-- Inserts and deletes get history rows whoever writes them (docs/decisions/016-outside-inserts-and-deletes.md),
-- with actor "unknown". The app's own creations and deletions (seed, CLI) are written by these triggers too,
-- and the app relabels the rows of its own transaction as actor "system" (lib/processes/create-processes.ts).
-- Statement-level with transition tables: one history INSERT per statement however many rows it touched.
-- Each takes the revision row before it draws change ids, as every writer does, so ids follow commit order
-- (docs/decisions/010-versions-history-and-events.md). Bodies spell each semicolon as the octal escape 073
-- (docs/decisions/011-triggers-through-the-migration-engine.md).
CREATE FUNCTION "processes_inserted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO process_revisions (id, value) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET value = process_revisions.value + 1\073
  INSERT INTO process_changes ("processId", version, name, comment, "changedAt", "actorType", kind)
    SELECT id, version, name, comment, now(), ''unknown'', ''create'' FROM inserted ORDER BY id\073
  RETURN NULL\073
END';

CREATE TRIGGER "processes_inserted" AFTER INSERT ON "processes" REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "processes_inserted"();

-- A deletion's row holds the last values, both as the row's values and as previous ones, and the last version.
CREATE FUNCTION "processes_deleted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO process_revisions (id, value) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET value = process_revisions.value + 1\073
  INSERT INTO process_changes ("processId", version, name, comment, "previousName", "previousComment", "changedAt", "actorType", kind)
    SELECT id, version, name, comment, name, comment, now(), ''unknown'', ''delete'' FROM deleted ORDER BY id\073
  RETURN NULL\073
END';

CREATE TRIGGER "processes_deleted" AFTER DELETE ON "processes" REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION "processes_deleted"();

-- TRUNCATE fires no row or DELETE trigger. Before it runs, the rows are still there: each gets its deletion
-- row, so subscribers and history see a TRUNCATE as the DELETE of every process.
CREATE FUNCTION "processes_truncating"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO process_revisions (id, value) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET value = process_revisions.value + 1\073
  INSERT INTO process_changes ("processId", version, name, comment, "previousName", "previousComment", "changedAt", "actorType", kind)
    SELECT id, version, name, comment, name, comment, now(), ''unknown'', ''delete'' FROM processes ORDER BY id\073
  RETURN NULL\073
END';

CREATE TRIGGER "processes_truncating" BEFORE TRUNCATE ON "processes"
  FOR EACH STATEMENT EXECUTE FUNCTION "processes_truncating"();
