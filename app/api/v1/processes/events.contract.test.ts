// GET /api/v1/processes/events (issues 9 and 13): every change reaches every instance's subscribers,
// whoever wrote it (the API on another instance, the CLI, a writer outside the app); Last-Event-ID resumes
// exactly; more than 10,000 missed changes is one `reset`; a closed stream frees its resources.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { runScript } from "@/test/support/run-script";
import { openEvents, type SseEvent, type SseStream } from "@/test/support/sse";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";
import { runOutside } from "@/test/support/outside-sql";

type Row = { id: number; name: string; comment: string; version: number };

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: live process events`, options, () => {
    let database: TestDatabase;
    let servers: TestServer[] = [];
    let a: ApiClient;
    let rows: Row[];
    let readerToken: string;
    const streams: SseStream[] = [];

    /** A stream on instance B (the one that does not write), as a reader with the User role. */
    const subscribe = async (headers: Record<string, string> = {}) => {
      const stream = await openEvents(`${servers[1]!.baseUrl}/api/v1/processes/events`, {
        Authorization: `Bearer ${readerToken}`,
        ...headers,
      });
      streams.push(stream);
      expect(stream.status).toBe(200);
      return stream;
    };
    const forProcess = (id: number, name: string) => (e: SseEvent) =>
      e.event === "process" && e.data.id === id && e.data.name === name;
    const outsideUpdate = async (id: number, name: string) =>
      void (await runOutside(database.url, [["UPDATE processes SET name = $1 WHERE id = $2", [name, id]]]));

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 6_000);
      const writer = await createTestToken(database.url, "Advanced user", { name: "events writer" });
      readerToken = await createTestToken(database.url, "User", { name: "events reader" });
      const env = { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" };
      servers = await Promise.all([startServer({ env }), startServer({ env })]);
      a = apiClient(servers[0]!.baseUrl, { Authorization: `Bearer ${writer}` });
      rows = (await a("GET", "/api/v1/processes")).body.processes;
    });

    afterAll(async () => {
      for (const s of streams) s.close();
      await Promise.all(servers.map((s) => s.stop()));
      await database?.drop();
    });

    it("a PUT on one instance reaches a subscriber on the other, as event `process` with the history id", async () => {
      const stream = await subscribe();
      expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const target = rows[0]!;
      const res = await a("PUT", `/api/v1/processes/${target.id}`, { json: { name: "Live on A", comment: "x" } });
      const event = await stream.next(forProcess(target.id, "Live on A"));
      const [change] = (await a("GET", `/api/v1/processes/${target.id}/history?limit=1`)).body.changes;
      // `<epoch>:<history id>`: the database's epoch, then the change (docs/decisions/020).
      expect(event.id).toBe(`${event.id!.split(":")[0]}:${change.id}`);
      expect(event.id).toMatch(/^[0-9a-f]{12}:\d+$/);
      expect(event.data).toMatchObject({
        id: target.id,
        name: "Live on A",
        comment: "x",
        version: res.body.version,
        changedBy: { type: "token", name: "events writer" },
        previous: { name: target.name, comment: target.comment },
        kind: "updated",
      });
    });

    it("a CLI write reaches subscribers, by actor `system`", async () => {
      const stream = await subscribe();
      const target = rows[1]!;
      const cli = await runScript("scripts/cli.ts", ["processes:update", String(target.id), "--name", "From the CLI"], {
        DATABASE_URL: database.url,
      });
      expect(cli.code).toBe(0);
      const event = await stream.next(forProcess(target.id, "From the CLI"));
      expect(event.data.changedBy).toEqual({ type: "system", id: null, name: "system" });
    });

    it("a writer outside the app reaches subscribers, by actor `unknown`, and its change gets a new version", async () => {
      const stream = await subscribe();
      const target = (await a("GET", `/api/v1/processes/${rows[2]!.id}`)).body as Row;
      await outsideUpdate(target.id, "Written outside");
      const event = await stream.next(forProcess(target.id, "Written outside"));
      expect(event.data).toMatchObject({
        version: target.version + 1,
        changedBy: { type: "unknown", id: null },
        kind: "updated",
      });
      // A client still holding the old version is refused instead of overwriting the outside change.
      const stale = await a("PUT", `/api/v1/processes/${target.id}`, {
        headers: { "If-Match": `"${target.version}"` },
        json: { name: "Would overwrite", comment: "" },
      });
      expect(stale.status).toBe(412);
    });

    it("a resume with Last-Event-ID after 5 missed changes replays exactly those 5, in order", async () => {
      const first = await subscribe();
      const target = rows[3]!;
      await a("PUT", `/api/v1/processes/${target.id}`, { json: { name: "Seen", comment: "" } });
      const seen = await first.next(forProcess(target.id, "Seen"));
      first.close();
      for (let i = 1; i <= 5; i++) {
        await a("PUT", `/api/v1/processes/${target.id}`, { json: { name: `Missed ${i}`, comment: "" } });
      }
      const resumed = await subscribe({ "Last-Event-ID": seen.id! });
      const replayed = [];
      for (let i = 0; i < 5; i++) replayed.push(await resumed.next());
      expect(replayed.map((e) => e.data.name)).toEqual(["Missed 1", "Missed 2", "Missed 3", "Missed 4", "Missed 5"]);
      const changeId = (id: string | null) => Number(id!.split(":")[1]);
      const ids = replayed.map((e) => changeId(e.id));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(ids[0]).toBeGreaterThan(changeId(seen.id));
      // Then live again, and nothing replayed twice: the next event is the next change.
      await a("PUT", `/api/v1/processes/${target.id}`, { json: { name: "After the resume", comment: "" } });
      expect((await resumed.next()).data.name).toBe("After the resume");
    });

    it("more than 10,000 missed changes is one `reset` event, then live events", async () => {
      // The newest change of all: every change before it is not missed.
      const watching = await subscribe();
      await a("PUT", `/api/v1/processes/${rows[0]!.id}`, { json: { name: "Before the bulk", comment: "" } });
      const seen = await watching.next(forProcess(rows[0]!.id, "Before the bulk"));
      watching.close();
      const [epoch, before] = [seen.id!.split(":")[0], Number(seen.id!.split(":")[1])];
      const all = (await a("GET", "/api/v1/processes")).body.processes as Row[];
      // Each bulk changes every item it carries (a write of unchanged values makes no change, docs/decisions/022).
      for (const [part, mark] of [
        [all.slice(0, 5_001), "."],
        [all.slice(0, 5_000), ".."],
      ] as const) {
        const items = part.map((p) => ({ id: p.id, name: `${p.name}${mark}`, comment: p.comment }));
        expect((await a("PUT", "/api/v1/processes", { json: { processes: items } })).status).toBe(200);
      }
      const stream = await subscribe({ "Last-Event-ID": `${epoch}:${before}` });
      const reset = await stream.next();
      expect(reset.event).toBe("reset");
      expect(reset.id).toBe(`${epoch}:${before + 10_001}`);
      await a("PUT", `/api/v1/processes/${rows[4]!.id}`, { json: { name: "After the reset", comment: "" } });
      expect((await stream.next()).data.name).toBe("After the reset");
    });

    it("a stream costs one rate-limit point however many events it carries, and closing it frees it", async () => {
      const stream = await subscribe();
      const opened = Number(/r=(\d+)/.exec(stream.headers.get("ratelimit") ?? "")?.[1]);
      for (let i = 0; i < 3; i++) {
        await a("PUT", `/api/v1/processes/${rows[5]!.id}`, { json: { name: `Counted ${i}`, comment: "" } });
      }
      await stream.next(forProcess(rows[5]!.id, "Counted 2"));
      const reader = apiClient(servers[1]!.baseUrl, { Authorization: `Bearer ${readerToken}` });
      const after = await reader("GET", "/api/v1/errors");
      expect(Number.isFinite(opened)).toBe(true);
      const list = await reader("GET", "/api/v1/processes", { headers: { "If-None-Match": "*" } });
      expect(Number(/r=(\d+)/.exec(list.headers.get("ratelimit") ?? "")?.[1])).toBe(opened - 1);
      expect(after.status).toBe(200);
      for (const s of streams) s.close();
      await expect.poll(() => servers[1]!.output()).toMatch(/"event stream closed".*"open":0/);
    });

    it("a malformed Last-Event-ID is 1001", async () => {
      const res = await apiClient(servers[1]!.baseUrl, { Authorization: `Bearer ${readerToken}` })(
        "GET",
        "/api/v1/processes/events",
        { headers: { "Last-Event-ID": "abc" } },
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 1001 });
    });
  });
}
