-- CreateTable
CREATE TABLE "process_changes" (
    "id" SERIAL NOT NULL,
    "processId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "previousName" TEXT,
    "previousComment" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorName" TEXT,
    "requestId" TEXT,

    CONSTRAINT "process_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "process_changes_processId_id_idx" ON "process_changes"("processId", "id");

-- Freshness and change events whoever writes (docs/decisions/011-triggers-through-the-migration-engine.md).
-- The engine's PostgreSQL adapter splits a script on every semicolon, so the function bodies below are
-- escape strings that spell each semicolon as the octal escape 073: the file holds none inside a body.

-- Every statement that changes processes, from any connection, bumps the revision in its own transaction
-- (a cached list is stale before anyone can read the change) and wakes LISTENers when it commits.
CREATE FUNCTION "processes_changed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO process_revisions (id, value) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET value = process_revisions.value + 1\073
  PERFORM pg_notify(''process_changes'', '''')\073
  RETURN NULL\073
END';

CREATE TRIGGER "processes_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "processes"
  FOR EACH STATEMENT EXECUTE FUNCTION "processes_changed"();

-- An update that leaves the version as it was comes from outside the app (psql, a script, a replication
-- tool): the app bumps the version in every write. The trigger bumps it, so that clients holding the old
-- version get 1007 rather than silently overwrite the change, and records it with actor "unknown". It takes
-- the revision row first, as the app does, so that change ids are handed out in commit order.
CREATE FUNCTION "processes_outside_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO process_revisions (id, value) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET value = process_revisions.value + 1\073
  NEW.version := OLD.version + 1\073
  NEW."updatedAt" := now()\073
  INSERT INTO process_changes ("processId", version, name, comment, "previousName", "previousComment", "changedAt", "actorType")
    VALUES (NEW.id, NEW.version, NEW.name, NEW.comment, OLD.name, OLD.comment, now(), ''unknown'')\073
  RETURN NEW\073
END';

CREATE TRIGGER "processes_outside_update" BEFORE UPDATE ON "processes"
  FOR EACH ROW WHEN (NEW.version = OLD.version) EXECUTE FUNCTION "processes_outside_update"();
