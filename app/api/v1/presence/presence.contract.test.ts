// PUT/DELETE /api/v1/presence/{page} and the `presence` events (docs/decisions/030-presence.md): a page open
// through one instance is seen by a person whose event stream is on another (PostgreSQL: two instances; SQLite
// runs one), its edited rows with it; it is gone when it leaves or goes silent; bad input changes nothing; a
// token, which is no person, neither writes presence nor gets it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, createTestUsers } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { signInFrom } from "@/test/support/session";
import { openEvents, type SseEvent, type SseStream } from "@/test/support/sse";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

type Person = { userId: number; name: string; pages: number; editing: number[] };

const PAGE_A = "AAAAAAAAAAAAAAAAAAAAAA";
const PAGE_B = "BBBBBBBBBBBBBBBBBBBBBB";

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: presence across instances`, options, () => {
    let database: TestDatabase;
    let servers: TestServer[] = [];
    let token: string;
    const streams: SseStream[] = [];
    const cookies: Record<string, string> = {};
    // Made by the CLI, without a name: the email stands for it.
    const users = {
      anna: { email: "anna@plant.example", name: "anna@plant.example", role: "Advanced user", address: "127.0.0.21" },
      boris: {
        email: "boris@plant.example",
        name: "boris@plant.example",
        role: "Advanced user",
        address: "127.0.0.22",
      },
      vera: { email: "vera@plant.example", name: "vera@plant.example", role: "User", address: "127.0.0.23" },
    } as const;
    const PASSWORD = "presence-password-1";

    /** A person's calls through instance `n`: their cookie, and writes from that instance's own origin. */
    const as = (who: keyof typeof users, n: number): ApiClient =>
      apiClient(servers[n]!.baseUrl, { Cookie: cookies[who]!, Origin: servers[n]!.baseUrl });
    const last = () => servers.length - 1;
    /** Boris's event stream, on the last instance (on PostgreSQL not the one Anna writes through). */
    const watch = async () => {
      const stream = await openEvents(`${servers[last()]!.baseUrl}/api/v1/processes/events`, {
        Cookie: cookies.boris!,
      });
      streams.push(stream);
      expect(stream.status).toBe(200);
      // A new stream gets the latest snapshot at once: taken here, so that later matches see only news.
      await stream.next((e) => e.event === "presence");
      return stream;
    };
    const people = (e: SseEvent) => e.data.people as Person[];
    const snapshot = (match: (p: Person[]) => boolean) => (e: SseEvent) => e.event === "presence" && match(people(e));
    const anna = (p: Person[]) => p.find((x) => x.name === users.anna.name);

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await createTestUsers(
        database.url,
        Object.values(users).map((u) => ({ email: u.email, password: PASSWORD, role: u.role })),
      );
      token = await createTestToken(database.url, "Advanced user", { name: "presence token" });
      const env = { DATABASE_URL: database.url, SEED_DEMO_DATA: "true" };
      servers = await Promise.all(
        (provider === "postgresql" ? [1, 2] : [1]).map(() => startServer({ env, quiet: true })),
      );
      for (const [key, u] of Object.entries(users)) {
        const signed = await signInFrom(servers[0]!.port, {
          localAddress: u.address,
          email: u.email,
          password: PASSWORD,
        });
        expect(signed.cookie, `${u.email}: ${signed.error}`).toBeTruthy();
        cookies[key] = signed.cookie!;
      }
    }, 180_000);

    afterAll(async () => {
      for (const s of streams) s.close();
      await Promise.all(servers.map((s) => s.stop()));
      await database?.drop();
    });

    it("a page open through one instance reaches a stream on another, with the rows it edits; DELETE removes it", async () => {
      const stream = await watch();
      const put = await as("anna", 0)("PUT", `/api/v1/presence/${PAGE_A}`, { json: { editing: [3, 1] } });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ userId: expect.any(Number), ttlSeconds: 8 });
      const seen = await stream.next(snapshot((p) => anna(p)?.editing.join() === "1,3"));
      expect(anna(people(seen))).toEqual({
        userId: put.body.userId,
        name: "anna@plant.example",
        pages: 1,
        editing: [1, 3],
      });

      // A second page of hers: counted, its rows joined to hers.
      await as("anna", 0)("PUT", `/api/v1/presence/${PAGE_B}`, { json: { editing: [5] } });
      const two = await stream.next(snapshot((p) => anna(p)?.pages === 2));
      expect(anna(people(two))?.editing).toEqual([1, 3, 5]);

      // Someone else cannot take her page away: pages are hers by her session.
      expect((await as("boris", 0)("DELETE", `/api/v1/presence/${PAGE_A}`)).status).toBe(200);
      expect((await as("anna", 0)("DELETE", `/api/v1/presence/${PAGE_A}`)).status).toBe(200);
      const one = await stream.next(snapshot((p) => anna(p)?.pages === 1));
      expect(anna(people(one))?.editing).toEqual([5]);
      await as("anna", 0)("DELETE", `/api/v1/presence/${PAGE_B}`);
      await stream.next(snapshot((p) => anna(p) === undefined));
    });

    it("a page that goes silent drops out after the TTL", async () => {
      const stream = await watch();
      await as("anna", 0)("PUT", `/api/v1/presence/${PAGE_A}`, { json: { editing: [] } });
      await stream.next(snapshot((p) => anna(p)?.pages === 1));
      // No renewal: gone within the 8 s TTL plus a read (the timeout is slack for a loaded machine).
      await stream.next(
        snapshot((p) => anna(p) === undefined),
        20_000,
      );
    }, 30_000);

    it("a reader (User role) is present but edits nothing, whatever the page says", async () => {
      const stream = await watch();
      const put = await as("vera", 0)("PUT", `/api/v1/presence/${PAGE_A}`, { json: { editing: [2] } });
      expect(put.status).toBe(200);
      const seen = await stream.next(snapshot((p) => p.some((x) => x.name === "vera@plant.example")));
      expect(people(seen).find((x) => x.name === "vera@plant.example")?.editing).toEqual([]);
      await as("vera", 0)("DELETE", `/api/v1/presence/${PAGE_A}`);
      await stream.next(snapshot((p) => !p.some((x) => x.name === "vera@plant.example")));
    });

    it.each([
      ["a page id that is too short", "short", { editing: [] }, "/path/page"],
      ["a page id with other characters", "AAAAAAAAAAAAAAAAAAAA%2B%2B", { editing: [] }, "/path/page"],
      ["ids as strings", PAGE_A, { editing: ["1"] }, "/editing/0"],
      ["an id twice", PAGE_A, { editing: [4, 4] }, "/editing"],
      ["an id of 0", PAGE_A, { editing: [0] }, "/editing/0"],
      ["51 ids", PAGE_A, { editing: Array.from({ length: 51 }, (_, i) => i + 1) }, "/editing"],
      ["an unknown member", PAGE_A, { editing: [], page: "x" }, "/page"],
      ["no editing", PAGE_A, {}, "/editing"],
    ])("%s is 1001 at its pointer and changes nothing", async (_, page, json, pointer) => {
      const stream = await watch();
      const res = await as("boris", 0)("PUT", `/api/v1/presence/${page}`, { json });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(1001);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      // A write after it: the snapshot that shows it shows the table after the refusal too.
      const write = await as("vera", 0)("PUT", `/api/v1/presence/${PAGE_B}`, { json: { editing: [] } });
      expect(write.status, JSON.stringify(write.body)).toBe(200);
      const after = await stream.next(snapshot((p) => p.some((x) => x.name === "vera@plant.example")));
      expect(people(after).some((x) => x.name === "boris@plant.example")).toBe(false);
      await as("vera", 0)("DELETE", `/api/v1/presence/${PAGE_B}`);
      await stream.next(snapshot((p) => !p.some((x) => x.name === "vera@plant.example")));
      stream.close();
    });

    it("refuses a token (3001) and a write from another origin (3001), and sends tokens no presence", async () => {
      const tokenStream = await openEvents(`${servers[last()]!.baseUrl}/api/v1/processes/events`, {
        Authorization: `Bearer ${token}`,
      });
      streams.push(tokenStream);
      const bearer = apiClient(servers[0]!.baseUrl, { Authorization: `Bearer ${token}` });
      expect((await bearer("PUT", `/api/v1/presence/${PAGE_A}`, { json: { editing: [] } })).body.code).toBe(3001);
      const foreign = await apiClient(servers[0]!.baseUrl, { Cookie: cookies.anna!, Origin: "http://evil.example" })(
        "PUT",
        `/api/v1/presence/${PAGE_A}`,
        { json: { editing: [] } },
      );
      expect(foreign.body.code).toBe(3001);
      // Nothing was written: a person's stream sees Anna only once she writes; the token's stream sees nothing.
      const stream = await watch();
      await as("anna", 0)("PUT", `/api/v1/presence/${PAGE_A}`, { json: { editing: [] } });
      await stream.next(snapshot((p) => anna(p)?.pages === 1));
      await as("anna", 0)("DELETE", `/api/v1/presence/${PAGE_A}`);
      await stream.next(snapshot((p) => anna(p) === undefined));
      expect(tokenStream.received().filter((e) => e.event === "presence")).toEqual([]);
    });
  });
}
