import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChangeContext } from "@/lib/processes/actor";
import type { Process } from "@/lib/validations/process";
import type { ProcessEvent } from "@/lib/validations/process-history";
import { openDataLayer, type DataLayer } from "@/test/support/data-layer";
import { PROVIDERS } from "@/test/support/test-database";
import { runOutside } from "@/test/support/outside-sql";

// lib/processes in-process against a real SQLite file and a real PostgreSQL database: the list and its
// cache, bulk and single writes with their preconditions, versions, history and the change feed. The HTTP
// contract suites test the same through the server; these answer in milliseconds, without a build.
// Every write changes a value (a write of unchanged values is the subject of issue 21).

const load = async () => ({
  ...(await import("@/lib/processes/list-processes")),
  ...(await import("@/lib/processes/create-processes")),
  ...(await import("@/lib/processes/update-processes")),
  ...(await import("@/lib/processes/update-process")),
  ...(await import("@/lib/processes/process-history")),
  ...(await import("@/lib/processes/change-feed")),
  ...(await import("@/lib/processes/process-events")),
  ...(await import("@/lib/processes/database-epoch")),
  ...(await import("@/lib/tokens/tokens")),
});

const USER: ChangeContext = { actor: { type: "user", id: 7, name: "op@plant.example" }, requestId: "req-1" };
const THREE = [
  { name: "Extrusion", comment: "line 1" },
  { name: "Milling", comment: "" },
  { name: "Packing", comment: "boxes" },
];

/** A statement from another connection, as an outside writer (a sqlite3 shell, psql) would run it. */

/** The error a call rejects with, for matching on its code and status (its class is per module graph). */
async function refusal(call: Promise<unknown>): Promise<{ code: number; status: number; errors?: unknown }> {
  return call.then(
    () => expect.fail("expected a refusal"),
    (error: { code: number; status: number; errors?: unknown }) => error,
  );
}

describe.each(PROVIDERS)("the data layer on $provider", ({ provider, options }) => {
  let dl: DataLayer<Awaited<ReturnType<typeof load>>>;
  let ids: number[];
  const names = async () => (await dl.listProcesses()).map((p) => p.name);
  const byId = async (id: number) => (await dl.listProcesses()).find((p) => p.id === id)!;

  beforeAll(async () => {
    if (!options.skip) dl = await openDataLayer(provider, load);
  }, 60_000);
  afterAll(async () => dl?.close());
  beforeEach(async () => {
    if (options.skip) return;
    await dl.replaceProcesses({ processes: THREE });
    ids = (await dl.listProcesses()).map((p) => p.id);
  });

  describe("list and its cache", options, () => {
    it("lists every process by id, at version 1, as the JSON the API sends", async () => {
      const list = await dl.listProcesses();
      expect(list.map(({ name, comment, version }) => ({ name, comment, version }))).toEqual(
        THREE.map((p) => ({ ...p, version: 1 })),
      );
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      const { body } = await dl.listProcessesJson();
      expect(JSON.parse(body)).toEqual({ processes: list });
    });

    it.each<[string, (id: number) => Promise<unknown>]>([
      [
        "a write through the data layer",
        (id) => dl.updateProcesses({ processes: [{ id, name: "New", comment: "" }], context: USER }),
      ],
      [
        "an outside writer's UPDATE",
        (id) => runOutside(dl.database.url, [["UPDATE processes SET name = 'New' WHERE id = $1", [id]]]),
      ],
    ])("keeps its ETag while nothing changes, and shows %s at once", async (_, change) => {
      const first = await dl.listProcessesJson();
      expect((await dl.listProcessesJson()).etag).toBe(first.etag);
      await change(ids[0]!);
      const next = await dl.listProcessesJson();
      expect(next.etag).not.toBe(first.etag);
      expect(await names()).toEqual(["New", "Milling", "Packing"]);
    });
  });

  describe("bulk writes", options, () => {
    it.each<[string, (p: Process[]) => { id: number; name: string; comment: string; version?: number }[]]>([
      [
        "at their current versions",
        (p) => p.map(({ id, version }, i) => ({ id, name: `Bulk ${i}`, comment: "", version })),
      ],
      ["without versions (the last write wins)", (p) => p.map(({ id }, i) => ({ id, name: `Bulk ${i}`, comment: "" }))],
    ])("writes every item %s, each one version up", async (_, items) => {
      const before = await dl.listProcesses();
      const { processes: written, changed } = await dl.updateProcesses({ processes: items(before), context: USER });
      expect(changed).toBe(3);
      expect(written.map((p) => [p.name, p.version])).toEqual([
        ["Bulk 0", 2],
        ["Bulk 1", 2],
        ["Bulk 2", 2],
      ]);
      expect(await dl.listProcesses()).toEqual(written);
    });

    it("writes only the items that differ: a re-sync of the same values changes nothing", async () => {
      const before = await dl.listProcesses();
      const items = before.map(({ id, name, comment }, i) => ({
        id,
        name: i === 0 ? `${name} changed` : name,
        comment,
      }));
      const first = await dl.updateProcesses({ processes: items, context: USER });
      expect(first.changed).toBe(1);
      expect(first.processes.map((p) => p.version)).toEqual(
        before.map((p, i) => (i === 0 ? p.version + 1 : p.version)),
      );
      const again = await dl.updateProcesses({ processes: items, context: USER });
      expect(again.changed).toBe(0);
      expect(await dl.listProcesses()).toEqual(first.processes);
    });

    it.each<[string, (p: Process[]) => { id: number; name: string; comment: string; version?: number }[], object]>([
      [
        "one item at an old version",
        (p) =>
          p.map(({ id, version }, i) => ({
            id,
            name: `Bulk ${i}`,
            comment: "",
            version: i === 1 ? version - 1 : version,
          })),
        {
          code: 1007,
          status: 409,
          errors: [{ pointer: "/processes/1/version", detail: expect.stringContaining("at version 1") }],
        },
      ],
      [
        "one item that does not exist",
        (p) => [...p.map(({ id }) => ({ id, name: "Bulk", comment: "" })), { id: 999_999, name: "Ghost", comment: "" }],
        { code: 1001, status: 400, errors: [{ pointer: "/processes/3/id", detail: "process 999999 does not exist" }] },
      ],
    ])("refuses the whole write for %s, and changes nothing", async (_, items, expected) => {
      const before = await dl.listProcesses();
      const historyBefore = await dl.lastChangeId();
      expect(await refusal(dl.updateProcesses({ processes: items(before), context: USER }))).toMatchObject(expected);
      expect(await dl.listProcesses()).toEqual(before);
      expect(await dl.lastChangeId()).toBe(historyBefore);
    });
  });

  describe("single writes and their preconditions", options, () => {
    it.each<[string, (v: number) => { ifMatch: number[] | "*" | null; bodyVersion?: number }]>([
      ["If-Match naming the current version", (v) => ({ ifMatch: [v] })],
      ["If-Match: *", () => ({ ifMatch: "*" })],
      ["several If-Match tags, one current", (v) => ({ ifMatch: [v + 5, v] })],
      ["the body's version", (v) => ({ ifMatch: null, bodyVersion: v })],
      ["no precondition", () => ({ ifMatch: null })],
    ])("writes with %s", async (_, pre) => {
      const id = ids[1]!;
      const written = await dl.updateProcess({
        id,
        fields: { name: "One", comment: "c" },
        preconditions: pre(1),
        context: USER,
      });
      expect([written.name, written.comment, written.version]).toEqual(["One", "c", 2]);
      expect(await byId(id)).toEqual(written);
    });

    it.each<[string, (v: number) => { ifMatch: number[] | "*" | null; bodyVersion?: number }, object]>([
      ["If-Match naming an old version", (v) => ({ ifMatch: [v - 1] }), { code: 1007, status: 412 }],
      ["a body version that is old", (v) => ({ ifMatch: null, bodyVersion: v - 1 }), { code: 1007, status: 409 }],
      ["If-Match and body that disagree", (v) => ({ ifMatch: [v], bodyVersion: v - 1 }), { code: 1007, status: 409 }],
    ])("refuses %s, and changes nothing", async (_, pre, expected) => {
      const id = ids[1]!;
      await dl.updateProcess({
        id,
        fields: { name: "Two", comment: "" },
        preconditions: { ifMatch: null },
        context: USER,
      });
      const before = await byId(id);
      const call = dl.updateProcess({
        id,
        fields: { name: "Three", comment: "" },
        preconditions: pre(2),
        context: USER,
      });
      expect(await refusal(call)).toMatchObject(expected);
      expect(await byId(id)).toEqual(before);
    });

    it("answers 1005 for a process that does not exist", async () => {
      const call = dl.updateProcess({
        id: 999_999,
        fields: { name: "X", comment: "" },
        preconditions: { ifMatch: null },
        context: USER,
      });
      expect(await refusal(call)).toMatchObject({ code: 1005, status: 404 });
      expect(await names()).toEqual(THREE.map((p) => p.name));
    });
  });

  describe("versions and history", options, () => {
    it("records each write with its version, previous values and actor; newest first, paged by `before`", async () => {
      const id = ids[0]!;
      for (const [i, name] of ["A", "B", "C"].entries())
        await dl.updateProcess({
          id,
          fields: { name, comment: "" },
          preconditions: { ifMatch: [i + 1] },
          context: USER,
        });
      expect((await byId(id)).version).toBe(4);
      const history = await dl.listProcessHistory({ processId: id, limit: 10 });
      expect(history.map((c) => [c.kind, c.version, c.name, c.previous?.name ?? null])).toEqual([
        ["updated", 4, "C", "B"],
        ["updated", 3, "B", "A"],
        ["updated", 2, "A", "Extrusion"],
        ["created", 1, "Extrusion", null],
      ]);
      expect(history[0]!.changedBy).toEqual({ type: "user", id: 7, name: "op@plant.example" });
      expect(history[0]!.requestId).toBe("req-1");
      expect(history.at(-1)!.changedBy.type).toBe("system");
      const older = await dl.listProcessHistory({ processId: id, before: history[1]!.id, limit: 2 });
      expect(older.map((c) => c.version)).toEqual([2, 1]);
    });

    it("keeps a deleted process's history, and answers 1005 for a process that never was", async () => {
      const id = ids[2]!;
      await runOutside(dl.database.url, [["DELETE FROM processes WHERE id = $1", [id]]]);
      const history = await dl.listProcessHistory({ processId: id, limit: 10 });
      expect(history.map((c) => c.kind)).toEqual(["deleted", "created"]);
      expect(await refusal(dl.listProcessHistory({ processId: 999_999, limit: 10 }))).toMatchObject({ code: 1005 });
    });
  });

  describe("the change feed and the event stream", options, () => {
    it("hands every change after its head to a listener, in order, encoded once as event frames", async () => {
      const batches: { ids: number[]; text: string }[] = [];
      let resets = 0;
      const { unsubscribe } = await dl.subscribeChanges({
        changes: (batch) => batches.push({ ids: batch.ids, text: new TextDecoder().decode(batch.bytes) }),
        reset: () => resets++,
      });
      try {
        const head = await dl.lastChangeId();
        expect(dl.feedPosition().head).toBe(head);
        await dl.updateProcesses({
          processes: ids.map((id) => ({ id, name: `Fed ${id}`, comment: "" })),
          context: USER,
        });
        await expect.poll(() => batches.flatMap((b) => b.ids).length).toBe(3);
        const received = batches.flatMap((b) => b.ids);
        expect(received.every((id) => id > head)).toBe(true);
        const epoch = await dl.readDatabaseEpoch();
        const frames = [
          ...batches
            .map((b) => b.text)
            .join("")
            .matchAll(/event: process\nid: (\S+)\ndata: (.*)\n/g),
        ];
        expect(frames.map((m) => m[1])).toEqual(received.map((id) => `${epoch}:${id}`));
        expect(frames.map((m) => JSON.parse(m[2]!)).map((e: ProcessEvent) => [e.id, e.version, e.name])).toEqual(
          ids.map((id) => [id, 2, `Fed ${id}`]),
        );
        expect(resets).toBe(0);
      } finally {
        unsubscribe();
      }
    });

    it("replays what a client missed after Last-Event-ID, then streams new changes", async () => {
      const missedFrom = await dl.lastChangeId();
      await dl.updateProcess({
        id: ids[0]!,
        fields: { name: "Missed", comment: "" },
        preconditions: { ifMatch: null },
        context: USER,
      });
      const abort = new AbortController();
      const { token } = await dl.createToken({
        name: "stream reader",
        role: "User",
        audit: { actor: { type: "system", id: null, name: "system" } },
      });
      const caller = { kind: "token" as const, tokenId: token.id, tokenName: token.name, role: "User" as const };
      const epoch = await dl.readDatabaseEpoch();
      const stream = await dl.openProcessEventStream({
        caller,
        position: { epoch, id: missedFrom },
        signal: abort.signal,
      });
      const reader = stream.getReader();
      let text = "";
      const events = () =>
        [...text.matchAll(/event: process\nid: [0-9a-f]+:(\d+)\ndata: (.*)\n/g)].map((m) => JSON.parse(m[2]!));
      const pump = (async () => {
        for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
      })();
      try {
        await expect.poll(() => events().map((e: { name: string }) => e.name)).toEqual(["Missed"]);
        await dl.updateProcess({
          id: ids[1]!,
          fields: { name: "Live", comment: "" },
          preconditions: { ifMatch: null },
          context: USER,
        });
        await expect.poll(() => events().map((e: { name: string }) => e.name)).toEqual(["Missed", "Live"]);
        expect(events()[1]).toMatchObject({ id: ids[1], version: 2, kind: "updated", changedBy: USER.actor });
        expect(await dl.countChangesAfter({ after: missedFrom, cap: 2 })).toBe(2);
        expect((await dl.listChangesAfter({ after: missedFrom, limit: 10 })).map((c) => c.name)).toEqual([
          "Missed",
          "Live",
        ]);
      } finally {
        abort.abort();
        await pump;
      }
    });
  });
});
