-- An update that changes nothing changes nothing (docs/decisions/022-no-op-writes-preconditions-document.md):
-- only an outside update that leaves the version AND changes the name or the comment is a change to record
-- (`SET name = name` from a sqlite3 shell is not).
DROP TRIGGER "processes_outside_update";

CREATE TRIGGER "processes_outside_update" AFTER UPDATE ON "processes"
WHEN NEW."version" = OLD."version" AND (NEW."name" IS NOT OLD."name" OR NEW."comment" IS NOT OLD."comment")
BEGIN
  UPDATE "processes" SET "version" = OLD."version" + 1, "updatedAt" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   WHERE "id" = NEW."id";
  INSERT INTO "process_changes" ("processId", "version", "name", "comment", "previousName", "previousComment", "changedAt", "actorType")
  VALUES (NEW."id", OLD."version" + 1, NEW."name", NEW."comment", OLD."name", OLD."comment", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'unknown');
END;
