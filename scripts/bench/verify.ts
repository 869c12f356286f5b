// npm run bench:verify [-- --rows 1000000]
// How long `audit:verify` takes over a long trail on SQLite (issue 23's figure: 1,000,000 rows in under 10 s).
// Fills a temporary database's history with rows directly (one INSERT … SELECT), seals them with the app's sealer
// (timed too), then runs the verifier that `npm run cli -- audit:verify` runs, and checks that it finds the chain
// whole; then changes one row in the middle and checks that the break is named.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { migrateDatabase } from "@/lib/db/migrate";
import { sqliteFilePath } from "@/lib/db/url";
import { createTestDatabase } from "@/test/support/test-database";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" } } });
const ROWS = Number(values.rows);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

const database = await createTestDatabase("sqlite");
try {
  await migrateDatabase({ url: database.url });
  const shell = new Database(sqliteFilePath(database.url));
  shell.pragma("journal_mode = WAL");
  shell
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO process_changes ("processId", version, name, comment, "previousName", "previousComment", "changedAt", "actorType", "actorId", "actorName", "requestId", kind)
       SELECT 1 + i % 1000, 1 + i / 1000, 'Process ' || i, 'comment of change ' || i, 'Process ' || (i - 1), '', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'user', 7, 'op@plant.example', 'req-' || i, 'update' FROM n`,
    )
    .run(ROWS);
  shell.close();
  process.env.DATABASE_URL = database.url;
  const { sealTrail } = await import("@/lib/trail/seal-trail");
  const { verifyTrail } = await import("@/lib/trail/verify-trail");
  const { closeDb } = await import("@/lib/db/client");

  let started = performance.now();
  const sealed = await sealTrail();
  const sealMs = performance.now() - started;
  started = performance.now();
  const cpu = process.cpuUsage();
  const report = await verifyTrail();
  const verifyMs = performance.now() - started;
  const verifyCpu = process.cpuUsage(cpu);
  if (!report.ok || report.chains[0]!.sealed !== ROWS) throw new Error(`unexpected report ${JSON.stringify(report)}`);

  const middle = Math.floor(ROWS / 2);
  const edit = new Database(sqliteFilePath(database.url));
  edit.prepare("UPDATE process_changes SET comment = 'edited' WHERE id = ?").run(middle);
  edit.close();
  started = performance.now();
  const broken = await verifyTrail();
  const brokenMs = performance.now() - started;
  if (broken.break?.id !== middle) throw new Error(`the edit was not named: ${JSON.stringify(broken.break)}`);
  await closeDb();

  console.log(`rows: ${ROWS.toLocaleString("en")} history rows (SQLite)`);
  console.log(`seal (app's sealer, batches of 5,000): ${seconds(sealMs)} s (${sealed.process_changes} rows)`);
  console.log(
    `verify, whole chain intact: ${seconds(verifyMs)} s  (budget 10 s; CPU of this process ${seconds((verifyCpu.user + verifyCpu.system) / 1000)} s)`,
  );
  console.log(`verify, edit at id ${middle} named after: ${seconds(brokenMs)} s`);
  if (verifyMs > 10_000) process.exitCode = 1;
} finally {
  await database.drop();
}
