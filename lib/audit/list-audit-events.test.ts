import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataLayer, type DataLayer } from "@/test/support/data-layer";
import { PROVIDERS } from "@/test/support/test-database";

// listAuditEvents in-process on SQLite and PostgreSQL: the filters (person as actor or target, action, time
// range), keyset paging newest first, and the CSV rows that the export writes from the same pages.

const load = async () => ({
  ...(await import("@/lib/audit/list-audit-events")),
  ...(await import("@/lib/audit/record-audit")),
  ...(await import("@/lib/audit/audit-csv")),
  ...(await import("@/lib/db/client")),
});

const ANNA = { type: "user", id: 1, name: "anna@plant.example" } as const;
const BORIS = { type: "user", id: 2, name: "Boris@Plant.example" } as const;

describe.each(PROVIDERS)("the audit log on $provider", ({ provider, options }) => {
  let dl: DataLayer<Awaited<ReturnType<typeof load>>>;
  let ids: number[] = [];

  beforeAll(async () => {
    if (options.skip) return;
    dl = await openDataLayer(provider, load);
    const entries = [
      {
        action: "sign-in.failed",
        actor: dl.ANONYMOUS_ACTOR,
        target: { type: "user", id: null, name: '=HYPERLINK("x")' },
      },
      { action: "sign-in.succeeded", actor: ANNA, target: { type: "user", id: 1, name: ANNA.name }, ip: "10.0.0.1" },
      { action: "token.created", actor: ANNA, target: { type: "token", id: 5, name: "MES, line 2" } },
      { action: "sign-in.succeeded", actor: BORIS, target: { type: "user", id: 2, name: BORIS.name } },
      { action: "password.changed", actor: BORIS, target: { type: "user", id: 2, name: BORIS.name } },
      { action: "sessions.ended", actor: ANNA, target: { type: "user", id: 2, name: BORIS.name }, requestId: "req-77" },
    ] as const;
    for (const entry of entries) await dl.recordAudit({ ...entry, detail: { n: 1 } });
    const rows = await dl.db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    ids = rows.map((r) => r.id);
    // The first three an hour ago, the rest now: a time range splits them.
    await dl.db.auditEvent.updateMany({
      where: { id: { in: ids.slice(0, 3) } },
      data: { at: new Date(Date.now() - 3_600_000) },
    });
  }, 60_000);
  afterAll(async () => dl?.close());

  const actions = async (filter: Parameters<typeof dl.listAuditEvents>[0]) =>
    (await dl.listAuditEvents(filter)).events.map((e) => e.action);

  it("lists everything newest first, as the API sends it", options, async () => {
    const page = await dl.listAuditEvents({ limit: 50 });
    expect(page.events.map((e) => e.id)).toEqual([...ids].reverse());
    expect(page.nextCursor).toBeNull();
    expect(page.events[0]).toEqual({
      id: ids[5],
      at: expect.any(String),
      action: "sessions.ended",
      actor: { type: "user", id: "1", name: "anna@plant.example" },
      target: { type: "user", id: "2", name: "Boris@Plant.example" },
      ip: null,
      requestId: "req-77",
      detail: { n: 1 },
    });
    expect(page.events.at(-1)!.actor).toEqual({ type: "anonymous", id: null, name: null });
    expect(page.events.at(-1)!.target).toEqual({ type: "user", id: null, name: '=HYPERLINK("x")' });
  });

  it.each([
    [
      "person as actor or target, whatever the case",
      { person: "boris" },
      ["sessions.ended", "password.changed", "sign-in.succeeded"],
    ],
    ["person matching a token's name", { person: "line 2" }, ["token.created"]],
    ["action", { action: "sign-in.succeeded" as const }, ["sign-in.succeeded", "sign-in.succeeded"]],
    ["person and action together", { person: "anna", action: "sign-in.succeeded" as const }, ["sign-in.succeeded"]],
    [
      "from (inclusive)",
      { from: new Date(Date.now() - 60_000).toISOString() },
      ["sessions.ended", "password.changed", "sign-in.succeeded"],
    ],
    [
      "to (exclusive)",
      { to: new Date(Date.now() - 60_000).toISOString() },
      ["token.created", "sign-in.succeeded", "sign-in.failed"],
    ],
    ["a person nobody is", { person: "nobody" }, []],
  ])("filters by %s", options, async (_, filter, expected) => {
    expect(await actions({ ...filter, limit: 50 })).toEqual(expected);
  });

  it("pages by id with a cursor until nextCursor is null, without gaps or repeats", options, async () => {
    const seen: number[] = [];
    let cursor: number | undefined;
    const cursors: (string | null)[] = [];
    do {
      const page = await dl.listAuditEvents({ limit: 4, cursor });
      seen.push(...page.events.map((e) => e.id));
      cursors.push(page.nextCursor);
      cursor = page.nextCursor === null ? undefined : Number(page.nextCursor);
    } while (cursor !== undefined);
    expect(seen).toEqual([...ids].reverse());
    expect(cursors).toEqual([String(ids[2]), null]);
    // A page exactly as long as what is left says there is no more.
    expect((await dl.listAuditEvents({ limit: 2, cursor: ids[2] })).nextCursor).toBeNull();
    // Paging and a filter together.
    const first = await dl.listAuditEvents({ person: "boris", limit: 2 });
    expect(first.events.map((e) => e.action)).toEqual(["sessions.ended", "password.changed"]);
    const next = await dl.listAuditEvents({ person: "boris", limit: 2, cursor: Number(first.nextCursor) });
    expect(next).toMatchObject({ events: [{ action: "sign-in.succeeded" }], nextCursor: null });
  });

  it("writes CSV rows with formulas neutralized and commas quoted", options, async () => {
    const events = (await dl.listAuditEvents({ limit: 50 })).events;
    const failed = dl.auditCsvRow(events.at(-1)!);
    expect(failed).toBe(
      `${ids[0]},${events.at(-1)!.at},sign-in.failed,anonymous,,,user,,"'=HYPERLINK(""x"")",,,"{""n"":1}"\r\n`,
    );
    expect(dl.auditCsvRow(events.at(-3)!)).toContain(`,token,5,"MES, line 2",`);
    const stream = dl.auditCsvStream({ person: "anna" });
    // The BOM is kept (Response.text() would drop it).
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("\uFEFF" + dl.AUDIT_CSV_COLUMNS.join(","));
    expect(lines.slice(1, -1).map((l) => l.split(",")[2])).toEqual([
      "sessions.ended",
      "token.created",
      "sign-in.succeeded",
    ]);
    expect(lines.at(-1)).toBe("");
  });
});
