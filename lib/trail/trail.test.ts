import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeContext } from "@/lib/processes/actor";
import { openDataLayer, type DataLayer } from "@/test/support/data-layer";
import { openOutside, runOutside } from "@/test/support/outside-sql";
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

  it(
    "detects each of 1,000 random direct changes and names its table and row",
    { ...options, timeout: 300_000 },
    async () => {
      const outside = await openOutside(dl.database.url);
      try {
        await outside.run(TABLES.map((t) => [`CREATE TABLE kept_${t} AS SELECT * FROM ${t}`, []]));
        const ids = {} as Record<Table, number[]>;
        for (const t of TABLES)
          ids[t] = (await outside.run([[`SELECT id FROM ${t} ORDER BY id`, []]]))[0]!.map((r) => Number(r.id));
        const random = prng(23);
        const seen = new Map<string, number>();
        for (let n = 0; n < 1_000; n++) {
          const table = TABLES[Math.floor(random() * TABLES.length)]!;
          const change = randomChange(table, ids[table]!, random);
          seen.set(change.kind, (seen.get(change.kind) ?? 0) + 1);
          await outside.run(change.statements);
          const report = await dl.verifyTrail();
          const where = `change ${n}: ${change.kind} on ${table} ${JSON.stringify(change.statements)}`;
          expect(report.ok, where).toBe(false);
          expect(report.break?.chain, where).toBe(table);
          expect(change.named, `${where} named ${JSON.stringify(report.break)}`).toContain(report.break?.id);
          // Back to the valid chain for the next change.
          await outside.run(
            TABLES.flatMap((t) => [
              [`DELETE FROM ${t}`, []],
              [`INSERT INTO ${t} SELECT * FROM kept_${t}`, []],
            ]),
          );
        }
        expect((await dl.verifyTrail()).ok).toBe(true);
        // Every kind of change was made, many times each.
        expect([...seen.keys()].sort()).toEqual([...KINDS].sort());
        for (const count of seen.values()) expect(count).toBeGreaterThan(30);
      } finally {
        await outside.close();
      }
    },
  );

  it("stays verifiable after history pruning, and still detects changes in the pruned region", options, async () => {
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    const pruned = await dl.pruneHistory({ olderThanDays: 0, now: tomorrow });
    expect(pruned.deleted).toBeGreaterThan(10);
    expect(await dl.verifyTrail()).toMatchObject({ ok: true, break: null });
    // More changes, sealed after the anchor, and a second prune over them.
    await dl.updateProcesses({ processes: [{ id: 1, name: "After the prune", comment: "" }], context: USER });
    await dl.sealTrail();
    expect((await dl.verifyTrail()).ok).toBe(true);
    await dl.updateProcesses({ processes: [{ id: 1, name: "Again", comment: "" }], context: USER });
    await dl.sealTrail();
    await dl.pruneHistory({ olderThanDays: 0, now: tomorrow });
    expect(await dl.verifyTrail()).toMatchObject({ ok: true, break: null });

    const kept = (await runOutside(dl.database.url, [["SELECT id FROM process_changes ORDER BY id", []]]))[0]!.map(
      (r) => Number(r.id),
    );
    const anchor = (
      await runOutside(dl.database.url, [[`SELECT "anchorId" FROM trail_heads WHERE chain = 'process_changes'`, []]])
    )[0]![0]!;
    const inRegion = kept.filter((id) => id <= Number(anchor.anchorId));
    expect(inRegion.length).toBeGreaterThan(2);
    // A kept row in the pruned region deleted: the region no longer matches its record.
    await runOutside(dl.database.url, [["DELETE FROM process_changes WHERE id = $1", [inRegion[1]]]]);
    const deleted = await dl.verifyTrail();
    expect(deleted.break).toMatchObject({ chain: "process_changes", id: Number(anchor.anchorId) });
    expect(deleted.break?.problem).toMatch(/pruning/);
  });
});

type Statement = [string, unknown[]];
const KINDS = [
  "update a field",
  "update the hash",
  "update the previous hash",
  "delete",
  "insert into a gap, unsealed",
  "insert into a gap, with a copied link",
  "insert after the end, with a copied link",
  "insert before the start",
  "move to another id",
  "swap two rows' ids",
  "swap two rows' contents",
] as const;

const CONTENT = {
  process_changes: {
    int: ["processId", "version", "actorId"],
    text: ["name", "comment", "previousName", "previousComment", "actorType", "actorName", "requestId", "kind"],
    date: ["changedAt"],
  },
  audit_events: {
    int: ["actorId"],
    text: ["action", "actorType", "actorName", "targetType", "targetId", "targetName", "ip", "requestId", "detail"],
    date: ["at"],
  },
} as const;

const COLUMNS = {
  process_changes: `"processId", version, name, comment, "previousName", "previousComment", "changedAt", "actorType", "actorId", "actorName", "requestId", kind`,
  audit_events: `at, action, "actorType", "actorId", "actorName", "targetType", "targetId", "targetName", ip, "requestId", detail`,
} as const;

/** One random direct change, its statements, and the row ids the verifier may name for it. */
function randomChange(
  table: Table,
  ids: number[],
  random: () => number,
): { kind: (typeof KINDS)[number]; statements: Statement[]; named: number[] } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const index = Math.floor(random() * ids.length);
  const id = ids[index]!;
  const next = ids[index + 1];
  const last = ids.at(-1)!;
  const gaps = ids.slice(1).flatMap((x, i) => (x - ids[i]! > 1 ? [ids[i]! + 1] : []));
  const other = pick(ids.filter((x) => x !== id));
  const [low, high] = id < other ? [id, other] : [other, id];
  const copy = (newId: number, link: "copied" | "null"): Statement => [
    `INSERT INTO ${table} (id, ${COLUMNS[table]}, hash, "prevHash") SELECT $1, ${COLUMNS[table]}, ${link === "copied" ? `hash, "prevHash"` : "NULL, NULL"} FROM ${table} WHERE id = $2`,
    [newId, other],
  ];
  const kind = pick(KINDS);
  switch (kind) {
    case "update a field": {
      const fields = CONTENT[table];
      const type = pick(["int", "text", "date"] as const);
      const field = pick(fields[type] as readonly string[]);
      const sql =
        type === "int"
          ? `UPDATE ${table} SET "${field}" = COALESCE("${field}", 0) + 1 WHERE id = $1`
          : `UPDATE ${table} SET "${field}" = $1 WHERE id = $2`;
      const value = type === "date" ? "2020-01-01T00:00:00.000Z" : field === "detail" ? '{"forged":true}' : "tampered";
      return { kind, statements: [[sql, type === "int" ? [id] : [value, id]]], named: [id] };
    }
    case "update the hash":
      return { kind, statements: [[`UPDATE ${table} SET hash = $1 WHERE id = $2`, ["f".repeat(64), id]]], named: [id] };
    case "update the previous hash":
      return {
        kind,
        statements: [[`UPDATE ${table} SET "prevHash" = $1 WHERE id = $2`, ["e".repeat(64), id]]],
        named: [id],
      };
    case "delete":
      return { kind, statements: [[`DELETE FROM ${table} WHERE id = $1`, [id]]], named: [next ?? id] };
    case "insert into a gap, unsealed": {
      const gap = pick(gaps);
      return { kind, statements: [copy(gap, "null")], named: [gap] };
    }
    case "insert into a gap, with a copied link": {
      const gap = pick(gaps);
      return { kind, statements: [copy(gap, "copied")], named: [gap] };
    }
    case "insert after the end, with a copied link":
      return {
        kind,
        statements: [copy(last + 1 + Math.floor(random() * 5), "copied")],
        named: [last + 1, last + 2, last + 3, last + 4, last + 5],
      };
    case "insert before the start": {
      const before = -Math.floor(random() * 3);
      return { kind, statements: [copy(before, random() < 0.5 ? "copied" : "null")], named: [before] };
    }
    case "move to another id": {
      const to = random() < 0.5 && gaps.length > 0 ? pick(gaps) : last + 1 + Math.floor(random() * 5);
      return {
        kind,
        statements: [[`UPDATE ${table} SET id = $1 WHERE id = $2`, [to, id]]],
        named: [id, to, ...(next === undefined ? [] : [next])],
      };
    }
    case "swap two rows' ids":
      return {
        kind,
        statements: [
          [`UPDATE ${table} SET id = -1000000 WHERE id = $1`, [low]],
          [`UPDATE ${table} SET id = $1 WHERE id = $2`, [low, high]],
          [`UPDATE ${table} SET id = $1 WHERE id = -1000000`, [high]],
        ],
        named: [low],
      };
    case "swap two rows' contents": {
      const withLinks = random() < 0.5;
      const columns = `${COLUMNS[table]}${withLinks ? `, hash, "prevHash"` : ""}`.split(", ");
      // The ids are numbers of this test, written into the SQL: each appears once per column.
      const set = (from: number) =>
        columns.map((c) => `${c} = (SELECT ${c} FROM kept_${table} WHERE id = ${from})`).join(", ");
      return {
        kind,
        statements: [
          [`UPDATE ${table} SET ${set(high)} WHERE id = $1`, [low]],
          [`UPDATE ${table} SET ${set(low)} WHERE id = $1`, [high]],
        ],
        named: [low],
      };
    }
  }
}
