// GET /api/v1/processes/events under attack (issue 18, streams; issue 21, epoch ids): HEAD opens nothing,
// readers that do not read cost a bounded queue and are disconnected, then resume without loss; caps per
// caller and per instance; a stream ends with its access on every instance; Last-Event-ID cannot fool it.
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE_USERS } from "@/test/support/accounts";
import { createRoleUsers, createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { runScript } from "@/test/support/run-script";
import { signInOverHttp, signOutOverHttp } from "@/test/support/session";
import { openEvents, type SseEvent, type SseStream } from "@/test/support/sse";
import { startTcpProxy } from "@/test/support/tcp-proxy";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";
import { runOutside } from "@/test/support/outside-sql";

type Row = { id: number; name: string; comment: string };
const SLOW_MS = 600_000;
const SLOW = { timeout: SLOW_MS };
const EVENTS = "/api/v1/processes/events";
const MB = 1024 * 1024;

/**
 * The server's resident memory once all its garbage is collected: the server runs with
 * test/support/collect-on-signal.mjs, which on SIGUSR2 collects fully and writes its RSS to a file. Idle, the
 * server may not collect for minutes, so plain RSS would count garbage not yet collected as if it were held.
 */
async function heldRss(server: TestServer) {
  const file = path.join(os.tmpdir(), `held-rss-${server.pid}`);
  rmSync(file, { force: true });
  process.kill(server.pid, "SIGUSR2");
  await expect.poll(() => existsSync(file), { timeout: 60_000, interval: 100 }).toBe(true);
  const held = Number(readFileSync(file, "utf8"));
  rmSync(file);
  return held;
}

const epochOf = (id: string | null) => id!.slice(0, id!.indexOf(":"));
const changeIdOf = (id: string | null) => Number(id!.slice(id!.indexOf(":") + 1));

/** Renames `rows` in one bulk PUT (every row a change). */
async function bulkPut(a: ApiClient, rows: Row[], tag: string, comment?: string): Promise<void> {
  const processes = rows.map((p) => ({ id: p.id, name: `${tag} ${p.id}`, comment: comment ?? p.comment }));
  const res = await a("PUT", "/api/v1/processes", { json: { processes } });
  expect(res.status).toBe(200);
}

/** The newest change id, from the history of the process changed last. */
async function newestChangeId(a: ApiClient, processId: number): Promise<number> {
  return (await a("GET", `/api/v1/processes/${processId}/history?limit=1`)).body.changes[0].id;
}

/**
 * A stream whose reader does not read: a raw connection that is paused once the answer's head is in, so the
 * server meets the connection's backpressure. `drain` then reads what reached this side until the server ends
 * the stream, and returns the ids of the `process` events in it.
 */
function stalledReader(url: string, headers: Record<string, string>) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise<{ status: number; drain: () => Promise<string[]>; close: () => void }>((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const lines = Object.entries({ ...headers, Accept: "text/event-stream", Host: `${hostname}:${port}` })
      .map(([k, v]) => `${k}: ${v}`)
      .join("\r\n");
    socket.write(`GET ${pathname} HTTP/1.1\r\n${lines}\r\n\r\n`);
    const parts: Buffer[] = [];
    let ended = false;
    socket.on("data", (chunk: Buffer) => {
      parts.push(chunk);
      const text = Buffer.concat(parts).toString("latin1");
      if (!text.includes("\r\n\r\n")) return;
      socket.pause();
      socket.removeAllListeners("data");
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)![1]),
        close: () => socket.destroy(),
        drain: () =>
          new Promise<string[]>((done) => {
            const finish = () => done(processIds(dechunk(Buffer.concat(parts))));
            socket.on("data", (more: Buffer) => parts.push(more));
            if (ended) finish();
            socket.once("close", finish);
            socket.resume();
          }),
      });
    });
    socket.once("end", () => (ended = true));
    socket.once("error", reject);
  });
}

/** The body of a raw chunked HTTP/1.1 answer, as text (up to where it stops). */
function dechunk(raw: Buffer): string {
  let at = raw.indexOf("\r\n\r\n") + 4;
  const body: Buffer[] = [];
  while (at < raw.length) {
    const eol = raw.indexOf("\r\n", at);
    if (eol < 0) break;
    const size = parseInt(raw.subarray(at, eol).toString("latin1"), 16);
    if (!size || eol + 2 + size > raw.length) break;
    body.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(body).toString("utf8");
}

/** The ids of the complete `process` events in a stream's text. */
function processIds(text: string): string[] {
  return text
    .split("\n\n")
    .slice(0, -1)
    .filter((block) => block.startsWith("event: process\n"))
    .map((block) => /\nid: (\S+)/.exec(block)![1]!);
}

/** Whether an answer is one EventSource retries: 408 (the request not read in time) or 503 (1006, a database too
 * loaded to open the stream in time, the answer the frozen-database case asserts). CI on a machine loaded past
 * its cores met 503 on a first open too, not only on resumes. */
const retried = (status: number) => status === 408 || status === 503;
const retryWait = (headers: Headers) =>
  new Promise((r) => setTimeout(r, Math.min(Number(headers.get("retry-after") ?? 1), 5) * 1_000));

/** Opens a stream as EventSource does: an answer it would retry is retried (up to ten times) after Retry-After. */
async function openAnswered(url: string, headers: Record<string, string>): Promise<SseStream> {
  for (let attempt = 1; ; attempt++) {
    const stream = await openEvents(url, headers);
    if (!retried(stream.status) || attempt === 10) return stream;
    stream.close();
    await retryWait(stream.headers);
  }
}

/** A reader that never reads, opened as EventSource opens (the server's Retry-After with 1006 is 5 s). */
async function stalledReaderAnswered(url: string, headers: Record<string, string>) {
  for (let attempt = 1; ; attempt++) {
    const reader = await stalledReader(url, headers);
    if (!retried(reader.status) || attempt === 10) return reader;
    reader.close();
    await new Promise((r) => setTimeout(r, 5_000));
  }
}

/** A HEAD of the stream, retried as its GET would be. */
async function headAnswered(url: string, headers: Record<string, string>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, { method: "HEAD", headers });
    if (!retried(res.status) || attempt === 10) return res;
    await retryWait(res.headers);
  }
}

/**
 * Reads a resumed stream until the change `lastId`, as EventSource does: when the server ends the stream
 * (a reader behind, a database that did not answer in time), it reconnects with the last id it received.
 * A `reset` fails (the replay must cover what was missed). Returns the event ids, in order.
 */
async function resumeUntil(url: string, lastEventId: string, headers: Record<string, string>, lastId: number) {
  const ids: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await fetch(url, {
      headers: { Accept: "text/event-stream", ...headers, "Last-Event-ID": ids.at(-1) ?? lastEventId },
    });
    // A server too loaded to read the request within its 10 s (a CI machine running every suite at once)
    // answers 408: a client tries again, as it does after any ended stream.
    if (res.status === 408) {
      await res.body?.cancel();
      continue;
    }
    // A database too loaded to open the stream in time answers 1006 with Retry-After (as the frozen-database
    // case asserts); EventSource waits and reconnects with the same id, and so does this reader.
    if (res.status === 503) {
      expect(((await res.json()) as { code?: number }).code).toBe(1006);
      const wait = Math.min(Number(res.headers.get("retry-after") ?? 1), 5);
      await new Promise((r) => setTimeout(r, wait * 1_000));
      continue;
    }
    expect(res.status).toBe(200);
    let text = "";
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        const end = text.lastIndexOf("\n\n");
        if (end < 0) continue;
        for (const block of text.slice(0, end).split("\n\n")) {
          if (block.startsWith("event: reset")) throw new Error("a reset instead of the replay");
          if (block.startsWith("event: process")) ids.push(/\nid: (\S+)/.exec(block)![1]!);
        }
        text = text.slice(end + 2);
        if (ids.length > 0 && changeIdOf(ids.at(-1)!) >= lastId) {
          await res.body?.cancel().catch(() => undefined);
          return ids;
        }
      }
    } catch (error) {
      if ((error as Error).message.startsWith("a reset")) throw error;
      // Ended by the server: reconnect from the last id received.
    }
  }
  throw new Error(`not caught up after 20 reconnections; last id ${ids.at(-1)}`);
}

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: bounded event streams`, options, () => {
    let database: TestDatabase;
    let rows: Row[];
    let writer: string;
    let reader: string;
    let admin: string;

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 2_000);
      await createRoleUsers(database.url);
      writer = await createTestToken(database.url, "Advanced user", { name: "bounds writer" });
      reader = await createTestToken(database.url, "User", { name: "bounds reader" });
      admin = await createTestToken(database.url, "Super user", { name: "bounds admin" });
    }, SLOW_MS);

    afterAll(async () => {
      await database?.drop();
    });

    describe("memory", () => {
      let server: TestServer;
      let a: ApiClient;

      beforeAll(async () => {
        server = await startServer({
          nodeArgs: ["--expose-gc", "--import", pathToFileURL(path.resolve("test/support/collect-on-signal.mjs")).href],
          env: {
            DATABASE_URL: database.url,
            SEED_DEMO_DATA: "false",
            RATE_LIMIT_API_POINTS: "100000",
            EVENT_STREAMS_PER_CALLER: "200",
          },
        });
        a = apiClient(server.baseUrl, { Authorization: `Bearer ${writer}` });
        rows = (await a("GET", "/api/v1/processes")).body.processes;
        expect(rows.length).toBe(2_000);
        // Warm: the memory a bulk PUT needs anyway is in the baseline.
        await bulkPut(a, rows, "Warm 1");
        await bulkPut(a, rows, "Warm 2");
      }, SLOW_MS);

      afterAll(async () => {
        await server?.stop();
      });

      it(
        "600 HEADs answer like GET and open nothing; 4 bulk PUTs of 2,000 rows after them: RSS grows by less than 50 MB",
        SLOW,
        async () => {
          const get = await openAnswered(server.baseUrl + EVENTS, { Authorization: `Bearer ${reader}` });
          get.close();
          const round = async (tag: string) => {
            for (let i = 0; i < 600; i += 50) {
              const answers = await Promise.all(
                Array.from({ length: 50 }, () =>
                  headAnswered(server.baseUrl + EVENTS, { Authorization: `Bearer ${reader}`, "Last-Event-ID": "1" }),
                ),
              );
              for (const res of answers) {
                expect(res.status).toBe(get.status);
                for (const name of ["content-type", "cache-control", "x-accel-buffering"])
                  expect(res.headers.get(name)).toBe(get.headers.get(name));
              }
            }
            for (let i = 1; i <= 4; i++) await bulkPut(a, rows, `${tag} ${i}`);
          };
          // The first round grows the heap to what such a minute needs anyway; a leak grows it again.
          await round("Warm HEAD");
          const before = await heldRss(server);
          await round("After HEAD");
          expect((await heldRss(server)) - before).toBeLessThan(50 * MB);
          // Nothing was left open: the log's count of open streams never rose past the one GET.
          expect(server.output()).not.toMatch(/"event stream closed".*"open":[1-9]/);
        },
      );

      it(
        "100 readers that never read plus 10 bulk PUTs: RSS grows by less than 200 MB; each, resumed, holds every change exactly once",
        SLOW,
        async () => {
          // Ten PUTs of 500 rows: events of about 1.3 KB, 6.5 MB per reader. The kernel takes about 2.3 MB of each
          // unread connection (1,763 events, measured) and at most its 4 MB send buffer (net.ipv4.tcp_wmem) plus the
          // receive window; a reader is cut off once more than the 1 MB queue is unread as the next PUT comes, so
          // even then each falls behind before the tenth PUT. Whatever a reader did not get before that is replayed
          // on resume, 100 times over: with ten PUTs of 1,000 rows that was 8,237 of 10,000 events per reader
          // (about 1.07 GB per database, some 70 of the file's 325 CPU seconds per database); with 500 rows it is
          // 3,237 of 5,000.
          const part = rows.slice(0, 500);
          const tenPuts = async (tag: string) => {
            for (let i = 1; i <= 10; i++) await bulkPut(a, part, `${tag} ${i}`, "c".repeat(1_000));
          };
          // The same writes with one reader that reads first: what they and the feed cost the heap anyway
          // (reading and encoding 5,000 changes once) is in the baseline.
          const one = await openAnswered(server.baseUrl + EVENTS, { Authorization: `Bearer ${reader}` });
          await tenPuts("Read by one");
          await one.next((e) => e.data?.name === `Read by one 10 ${part.at(-1)!.id}`, 60_000);
          one.close();
          const start = await newestChangeId(a, part.at(-1)!.id);
          const before = await heldRss(server);
          const stalled = await Promise.all(
            Array.from({ length: 100 }, () =>
              stalledReaderAnswered(server.baseUrl + EVENTS, { Authorization: `Bearer ${reader}` }),
            ),
          );
          expect(stalled.every((s) => s.status === 200)).toBe(true);
          await tenPuts("Unread");
          const last = await newestChangeId(a, part.at(-1)!.id);
          expect(last - start).toBe(5_000);
          // Disconnected for falling behind (the queue holds 1 MB): the log says so.
          await expect
            .poll(() => server.output().match(/the reader fell behind/g)?.length ?? 0, { timeout: 30_000 })
            .toBe(100);
          // What the disconnected readers held is garbage once collected; a leak stays. The bound is twice what
          // the design allows at the peak (100 readers × the 1 MB queue), since RSS after a collection still holds
          // what the allocator keeps and the snapshot's own memory (34–115 MB measured on this machine kind); the
          // defect this guards against grew 1.6 GB (with ten PUTs of 1,000 rows).
          const after = await heldRss(server);
          expect(after - before).toBeLessThan(200 * MB);
          const expected = Array.from({ length: 5_000 }, (_, i) => start + 1 + i);
          for (let i = 0; i < stalled.length; i += 10) {
            await Promise.all(
              stalled.slice(i, i + 10).map(async ({ drain }) => {
                const received = await drain();
                expect(received.length).toBeGreaterThan(0);
                const resumed = await resumeUntil(
                  server.baseUrl + EVENTS,
                  received.at(-1)!,
                  { Authorization: `Bearer ${reader}` },
                  last,
                );
                expect([...received, ...resumed].map(changeIdOf)).toEqual(expected);
              }),
            );
          }
        },
      );
    });

    describe("caps and access", () => {
      let servers: TestServer[] = [];
      const streams: SseStream[] = [];
      const caps = { EVENT_STREAMS_PER_CALLER: "3", EVENT_STREAMS_PER_INSTANCE: "5" };

      const open = async (server: TestServer, headers: Record<string, string>) => {
        const stream = await openAnswered(server.baseUrl + EVENTS, headers);
        streams.push(stream);
        return stream;
      };
      /** Milliseconds until the stream ends (fails after `limitMs` plus a margin, so that the bound is asserted). */
      const endsWithin = async (stream: SseStream, limitMs: number) => {
        const started = Date.now();
        await Promise.race([stream.ended, new Promise((r) => setTimeout(r, limitMs + 5_000))]);
        return Date.now() - started;
      };

      beforeAll(async () => {
        const env = { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", ...caps };
        servers = await Promise.all([startServer({ env }), startServer({ env })]);
      }, SLOW_MS);

      afterAll(async () => {
        for (const s of streams) s.close();
        await Promise.all(servers.map((s) => s.stop()));
      });

      it("the per-caller cap refuses with 6001 and says so; HEAD at the cap too; closing one frees its place", async () => {
        const [a] = servers;
        const auth = { Authorization: `Bearer ${reader}` };
        const three = [await open(a!, auth), await open(a!, auth), await open(a!, auth)];
        expect(three.map((s) => s.status)).toEqual([200, 200, 200]);
        const refused = await apiClient(a!.baseUrl, auth)("GET", EVENTS);
        expect(refused.status).toBe(429);
        expect(refused.body).toMatchObject({ code: 6001 });
        expect(refused.body.detail).toMatch(/3 open event streams per caller.*one per browser tab/);
        expect(refused.headers.get("retry-after")).toBe("5");
        expect((await fetch(a!.baseUrl + EVENTS, { method: "HEAD", headers: auth })).status).toBe(429);
        three[0]!.close();
        await three[0]!.ended;
        await expect
          .poll(async () => (await fetch(a!.baseUrl + EVENTS, { method: "HEAD", headers: auth })).status)
          .toBe(200);
        for (const s of three) s.close();
      });

      it("the per-instance cap refuses with 6001 whoever asks", async () => {
        const [, b] = servers;
        const tokens = [reader, writer];
        const held = [];
        for (let i = 0; i < 5; i++) held.push(await open(b!, { Authorization: `Bearer ${tokens[i % 2]}` }));
        expect(held.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
        const refused = await apiClient(b!.baseUrl, { Authorization: `Bearer ${admin}` })("GET", EVENTS);
        expect(refused.status).toBe(429);
        expect(refused.body.detail).toMatch(/5 open event streams, its limit/);
        for (const s of held) s.close();
        await Promise.all(held.map((s) => s.ended));
      });

      it(
        "a revoked token's streams close within 5 s on the instance that revoked it and on the other",
        SLOW,
        async () => {
          const [a, b] = servers;
          const token = await createTestToken(database.url, "User", { name: "to revoke" });
          const auth = { Authorization: `Bearer ${token}` };
          const here = await open(a!, auth);
          const there = await open(b!, auth);
          expect([here.status, there.status]).toEqual([200, 200]);
          const list = (await apiClient(a!.baseUrl, { Authorization: `Bearer ${admin}` })("GET", "/api/v1/tokens"))
            .body;
          const id = list.tokens.find((t: { name: string }) => t.name === "to revoke").id;
          const revoked = await apiClient(a!.baseUrl, { Authorization: `Bearer ${admin}` })(
            "DELETE",
            `/api/v1/tokens/${id}`,
          );
          expect(revoked.status).toBe(200);
          const [msHere, msThere] = await Promise.all([endsWithin(here, 5_000), endsWithin(there, 5_000)]);
          expect(msHere).toBeLessThan(5_000);
          expect(msThere).toBeLessThan(5_000);
        },
      );

      it("a token revoked by the CLI: its stream closes within 5 s", SLOW, async () => {
        const token = await createTestToken(database.url, "User", { name: "revoked by cli" });
        const stream = await open(servers[0]!, { Authorization: `Bearer ${token}` });
        const list = (
          await apiClient(servers[0]!.baseUrl, { Authorization: `Bearer ${admin}` })("GET", "/api/v1/tokens")
        ).body;
        const id = list.tokens.find((t: { name: string }) => t.name === "revoked by cli").id;
        const cli = await runScript("scripts/cli.ts", ["tokens:revoke", String(id)], { DATABASE_URL: database.url });
        expect(cli.code).toBe(0);
        // Measured from the revocation's commit (the CLI's own start is not the server's to answer for); a
        // stream that ended while the CLI was still exiting counts as 0.
        expect(await endsWithin(stream, 5_000)).toBeLessThan(5_000);
      });

      it(
        "an ended session's streams close within 2 s: sign-out on one instance, and users:sign-out, set-password by the CLI",
        SLOW,
        async () => {
          const [a, b] = servers;
          const { email, password } = ROLE_USERS.User;
          const signIn = async () => (await signInOverHttp(a!.baseUrl, email, password)).cookie!;

          const cookie = await signIn();
          const here = await open(a!, { Cookie: cookie });
          const there = await open(b!, { Cookie: cookie });
          expect([here.status, there.status]).toEqual([200, 200]);
          expect(await signOutOverHttp(a!.baseUrl, cookie)).toBeLessThan(400);
          const [msHere, msThere] = await Promise.all([endsWithin(here, 2_000), endsWithin(there, 2_000)]);
          expect(msHere).toBeLessThan(2_000);
          expect(msThere).toBeLessThan(2_000);

          // users:set-role is not among them since issue 20: a role change keeps the sessions (docs/decisions/024).
          for (const args of [
            ["users:sign-out", email],
            ["users:set-password", "--email", email, "--password", password],
          ]) {
            const stream = await open(b!, { Cookie: await signIn() });
            expect(stream.status).toBe(200);
            const cli = await runScript("scripts/cli.ts", args, { DATABASE_URL: database.url });
            expect(cli.code, args.join(" ")).toBe(0);
            expect(await endsWithin(stream, 2_000), args[0]).toBeLessThan(2_000);
          }
        },
      );

      it("Last-Event-ID: beyond the newest change is `reset` at once; another epoch and a plain id too; out of range is 1001", async () => {
        const [a] = servers;
        const auth = { Authorization: `Bearer ${reader}` };
        const w = apiClient(a!.baseUrl, { Authorization: `Bearer ${writer}` });
        await w("PUT", `/api/v1/processes/${rows[0]!.id}`, { json: { name: "Epoch probe", comment: "" } });
        const live = await open(a!, auth);
        await w("PUT", `/api/v1/processes/${rows[0]!.id}`, { json: { name: "Epoch probe 2", comment: "" } });
        const seen = await live.next((e) => e.event === "process" && e.data.name === "Epoch probe 2");
        live.close();
        const epoch = epochOf(seen.id);
        expect(epoch).toMatch(/^[0-9a-f]{12}$/);
        let head = changeIdOf(seen.id);

        const expectReset = async (lastEventId: string) => {
          const stream = await open(a!, { ...auth, "Last-Event-ID": lastEventId });
          expect(stream.status).toBe(200);
          const first = await stream.next(() => true, 3_000);
          expect(first.event, lastEventId).toBe("reset");
          expect(first.id).toBe(`${epoch}:${head}`);
          // Then live, from the reset on.
          await w("PUT", `/api/v1/processes/${rows[1]!.id}`, { json: { name: `After ${lastEventId}`, comment: "" } });
          const next: SseEvent = await stream.next();
          expect(next.data.name).toBe(`After ${lastEventId}`);
          stream.close();
          head = changeIdOf(next.id);
        };
        await expectReset(`${epoch}:${head + 3}`);
        await expectReset(`${epoch}:2147483647`);
      });

      it("Last-Event-ID of another epoch or without one is `reset`; out of the column's range is 1001", async () => {
        const [a] = servers;
        const auth = { Authorization: `Bearer ${reader}` };
        for (const lastEventId of ["0123456789ab:1", "1"]) {
          const stream = await open(a!, { ...auth, "Last-Event-ID": lastEventId });
          const first = await stream.next(() => true, 3_000);
          expect(first.event, lastEventId).toBe("reset");
          expect(epochOf(first.id)).not.toBe(lastEventId.split(":")[0]);
          stream.close();
        }
        for (const lastEventId of ["2147483648", "99999999999", "abc:2147483648", "abc:-1"]) {
          const res = await apiClient(a!.baseUrl, auth)("GET", EVENTS, { headers: { "Last-Event-ID": lastEventId } });
          expect(res.status, lastEventId).toBe(400);
          expect(res.body).toMatchObject({ code: 1001 });
        }
      });
    });

    describe("a restored database", () => {
      it(
        "a client connected under the restore of an older copy gets `reset` at once, refetches, and misses nothing",
        SLOW,
        async () => {
          const copy = await createTestDatabase(provider);
          const restored = await createTestDatabase(provider);
          const env = (url: string) => ({ DATABASE_URL: url, SEED_DEMO_DATA: "false" });
          try {
            // The older copy: the same database (same epoch) before the last changes, as a backup would hold it.
            await seedProcesses(copy.url, 10);
            const copyWriter = await createTestToken(copy.url, "Advanced user");
            let server = await startServer({ env: env(copy.url) });
            const w = () => apiClient(server.baseUrl, { Authorization: `Bearer ${copyWriter}` });
            const list = (await w()("GET", "/api/v1/processes")).body.processes as Row[];
            await w()("PUT", `/api/v1/processes/${list[0]!.id}`, { json: { name: "In the backup", comment: "" } });
            await server.stop();
            await backup(provider, copy.url, restored.url);

            // After the backup: changes the client sees.
            server = await startServer({ env: env(copy.url) });
            const port = server.port;
            let stream = await openEvents(server.baseUrl + EVENTS, { Authorization: `Bearer ${copyWriter}` });
            for (let i = 1; i <= 5; i++)
              await w()("PUT", `/api/v1/processes/${list[1]!.id}`, { json: { name: `Seen ${i}`, comment: "" } });
            let held: SseEvent | undefined;
            for (let i = 1; i <= 5; i++) held = await stream.next((e) => e.event === "process");
            expect(held!.data.name).toBe("Seen 5");

            // The restore: the server stops, the older copy comes back, the operator's restore step runs, and
            // changes are written before any client returns (the ids the client holds now name other changes).
            await server.stop();
            await stream.ended;
            const step = await runScript("scripts/cli.ts", ["db:new-epoch"], { DATABASE_URL: restored.url });
            expect(step.code).toBe(0);
            // Ten changes in one statement: more than the five the client holds.
            await runOutside(restored.url, [
              ["UPDATE processes SET name = $1 WHERE name <> 'In the backup'", ["After the restore"]],
            ]);
            server = await startServer({ env: env(restored.url), port });
            // The client comes back as EventSource does, with the id it holds.
            stream = await openEvents(server.baseUrl + EVENTS, {
              Authorization: `Bearer ${copyWriter}`,
              "Last-Event-ID": held!.id!,
            });
            const first = await stream.next(() => true, 3_000);
            expect(first.event).toBe("reset");
            expect(epochOf(first.id)).not.toBe(epochOf(held!.id));
            // The refetch the reset asks for holds every change of the restored database.
            const refetched = (await w()("GET", "/api/v1/processes")).body.processes as Row[];
            expect(refetched.map((p) => p.name)).toEqual(
              list.map((p, i) => (i === 0 ? "In the backup" : "After the restore")),
            );
            await w()("PUT", `/api/v1/processes/${list[3]!.id}`, { json: { name: "Live again", comment: "" } });
            expect((await stream.next()).data.name).toBe("Live again");
            stream.close();
            await server.stop();
          } finally {
            await copy.drop();
            await restored.drop();
          }
        },
      );
    });

    if (provider === "postgresql") {
      describe("a frozen database", () => {
        it("opening a stream is 1006 with Retry-After within 5 s", SLOW, async () => {
          const direct = new URL(database.url);
          const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
          const viaProxy = new URL(database.url);
          viaProxy.port = String(proxy.port);
          const server = await startServer({ env: { DATABASE_URL: viaProxy.toString(), SEED_DEMO_DATA: "false" } });
          try {
            const auth = { Authorization: `Bearer ${reader}` };
            const ok = await openEvents(server.baseUrl + EVENTS, auth);
            expect(ok.status).toBe(200);
            proxy.freeze();
            for (const lastEventId of [null, "1"]) {
              const started = Date.now();
              const res = await fetch(server.baseUrl + EVENTS, {
                headers: { ...auth, ...(lastEventId ? { "Last-Event-ID": lastEventId } : {}) },
                signal: AbortSignal.timeout(5_000),
              });
              expect(Date.now() - started).toBeLessThan(5_000);
              expect(res.status).toBe(503);
              expect(res.headers.get("retry-after")).toBe("5");
              expect(await res.json()).toMatchObject({ code: 1006 });
            }
            ok.close();
          } finally {
            proxy.thaw();
            await server.stop();
            await proxy.stop();
          }
        });
      });
    }
  });
}

/** Renames every process but the first in one statement from outside the app (a trigger records each change). */

/** Copies the database at `from` into the empty database at `to`, as a backup and its restore would. */
async function backup(provider: string, from: string, to: string): Promise<void> {
  if (provider === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const { sqliteFilePath } = await import("@/lib/db/url");
    const source = new Database(sqliteFilePath(from));
    await source.backup(sqliteFilePath(to));
    source.close();
    return;
  }
  const { default: pg } = await import("pg");
  const name = (url: string) => new URL(url).pathname.slice(1);
  const server = new URL(from);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE ${name(to)}`);
  await admin.query(`CREATE DATABASE ${name(to)} TEMPLATE ${name(from)}`);
  await admin.end();
}
