-- CreateTable
CREATE TABLE "process_revisions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "value" BIGINT NOT NULL DEFAULT 0
);

-- The one row every write bumps (lib/processes/revision.ts), present before the first write.
-- No semicolon may appear in a comment here: the PostgreSQL adapter splits migration scripts on every one.
INSERT INTO "process_revisions" ("id", "value") VALUES (1, 0);
