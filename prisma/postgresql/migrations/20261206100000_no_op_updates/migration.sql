-- An update that changes nothing changes nothing (docs/decisions/022-no-op-writes-preconditions-document.md):
-- no version, no history row, no revision bump, no notification. Bodies spell each semicolon as the octal
-- escape 073 (docs/decisions/011-triggers-through-the-migration-engine.md).

-- Outside writers: only an update that leaves the version AND changes the name or the comment is a change
-- to record (`SET name = name` from a script is not).
DROP TRIGGER "processes_outside_update" ON "processes";

CREATE TRIGGER "processes_outside_update" BEFORE UPDATE ON "processes"
  FOR EACH ROW WHEN (NEW.version = OLD.version AND (NEW.name IS DISTINCT FROM OLD.name OR NEW.comment IS DISTINCT FROM OLD.comment))
  EXECUTE FUNCTION "processes_outside_update"();

-- The revision and the notification: inserts, deletes and TRUNCATE as before, an UPDATE only when some row
-- differs from what it was (any column: an outside change of updatedAt alone still makes cached lists
-- stale). A trigger with transition tables serves one event only, hence the split. The app takes the revision
-- row first in every write without bumping it (lib/db/dialect.ts), so a write of equal values leaves it.
DROP TRIGGER "processes_changed" ON "processes";

CREATE TRIGGER "processes_changed" AFTER INSERT OR DELETE OR TRUNCATE ON "processes"
  FOR EACH STATEMENT EXECUTE FUNCTION "processes_changed"();

CREATE FUNCTION "processes_updated"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF EXISTS (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows) THEN
    INSERT INTO process_revisions (id, value) VALUES (1, 1)
      ON CONFLICT (id) DO UPDATE SET value = process_revisions.value + 1\073
    PERFORM pg_notify(''process_changes'', '''')\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "processes_updated" AFTER UPDATE ON "processes" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "processes_updated"();
