-- CreateTable
CREATE TABLE "process_changes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "processId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "previousName" TEXT,
    "previousComment" TEXT,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorName" TEXT,
    "requestId" TEXT
);

-- CreateIndex
CREATE INDEX "process_changes_processId_id_idx" ON "process_changes"("processId", "id");

-- An update that leaves the version as it was comes from outside the app (a sqlite3 shell, a script): the app
-- bumps the version in every write. The trigger bumps it too, so that clients holding the old version get 1007
-- instead of silently overwriting the change, and records the change with actor "unknown".
CREATE TRIGGER "processes_outside_update" AFTER UPDATE ON "processes"
WHEN NEW."version" = OLD."version"
BEGIN
  UPDATE "processes" SET "version" = OLD."version" + 1, "updatedAt" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   WHERE "id" = NEW."id";
  INSERT INTO "process_changes" ("processId", "version", "name", "comment", "previousName", "previousComment", "changedAt", "actorType")
  VALUES (NEW."id", OLD."version" + 1, NEW."name", NEW."comment", OLD."name", OLD."comment", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'unknown');
END;
