// npx tsx --conditions=react-server scripts/bench/trigger-time.ts [-- --runs 300]   (needs TEST_DATABASE_URL)
// What the PostgreSQL triggers cost the app's own PUT, measured inside the database: the app's exact write
// (revision bump, then the data-and-history statement) under EXPLAIN ANALYZE, which times each trigger apart.
// Throughput pairs (npm run bench) drown a cost this small in the machine's noise; this figure does not depend
// on other load as much (it is CPU time of one statement, not a rate). Issue 13's budget: 5 % of a PUT.
import { parseArgs } from "node:util";
import pg from "pg";
import { seedProcesses } from "@/test/support/fixture-data";
import { createTestDatabase } from "@/test/support/test-database";

const { values } = parseArgs({ options: { runs: { type: "string", default: "300" } } });
const RUNS = Number(values.runs);

type Plan = { "Execution Time": number; Triggers?: { "Trigger Name": string; Time: number; Calls: number }[] };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (n: number) => Math.round(n * 1000) / 1000;

const database = await createTestDatabase("postgresql");
try {
  await seedProcesses(database.url, 1_000);
  process.env.DATABASE_URL = database.url;
  const { POSTGRES_WRITE_SQL, postgresWriteParams } = await import("@/lib/db/process-writes-sql");
  const { TAKE_PROCESS_REVISION_SQL } = await import("@/lib/db/dialect");
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const triggerMs: Record<string, number[]> = {};
  const statementMs: number[] = [];
  const transactionMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const id = 1 + (run % 1_000);
    const params = postgresWriteParams({
      at: new Date(),
      payload: JSON.stringify([{ id, name: `Process ${id}`, comment: `run ${run}`, version: null }]),
      actorType: "token",
      actorId: 1,
      actorName: "bench",
      requestId: `run-${run}`,
      signerKind: null,
      signerId: null,
      signerName: null,
      signedAt: null,
      signerTimeZone: null,
      signatureMeaning: null,
    });
    const started = performance.now();
    await client.query("BEGIN");
    await client.query(TAKE_PROCESS_REVISION_SQL!);
    const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: unknown } & Plan] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${POSTGRES_WRITE_SQL}`,
      params,
    );
    await client.query("COMMIT");
    transactionMs.push(performance.now() - started);
    const plan = rows[0]!["QUERY PLAN"][0];
    statementMs.push(plan["Execution Time"]);
    for (const t of plan.Triggers ?? []) (triggerMs[t["Trigger Name"]] ??= []).push(t.Time);
  }
  await client.end();
  const triggers = Object.entries(triggerMs).map(([name, times]) => ({
    name,
    calls: times.length,
    medianMs: ms(median(times)),
  }));
  const total = triggers.reduce((sum, t) => sum + t.medianMs, 0);
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        triggers,
        statementMedianMs: ms(median(statementMs)),
        transactionMedianMs: ms(median(transactionMs)),
        triggerShareOfStatement: ms(total / median(statementMs)),
        triggerShareOfTransaction: ms(total / median(transactionMs)),
      },
      null,
      2,
    ),
  );
} finally {
  await database.drop();
}
