import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken } from "@/test/support/fixture-data";
import { http } from "@/test/support/http";
import { NEEDS_POSTGRES, NEEDS_REDIS, postgresTestUrl, redisTestUrl, runIf } from "@/test/support/requirements";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { take } from "@/test/support/take";
import { startServer, type TestServer } from "@/test/support/test-server";

// Redis runs on the development and CI machines; a machine without it skips the shared-store cases by name.
const redisUrl = redisTestUrl;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uniquePrefix = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const LIMITS = { RATE_LIMIT_API_POINTS: "4", RATE_LIMIT_API_WINDOW_SECONDS: "3" };

describe("rate limiting (6001)", () => {
  let database: TestDatabase;
  let token: string;
  const servers: TestServer[] = [];
  const get = (server: TestServer, headers: Record<string, string> = { Authorization: `Bearer ${token}` }) =>
    http(server.baseUrl, "GET", "/api/v1/processes", { headers });
  const start = async (env: Record<string, string>) => {
    const server = await startServer({ env: { DATABASE_URL: database.url, ...LIMITS, ...env } });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    token = await createTestToken(database.url, "User");
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it("counts each caller's requests, refuses the one over the limit with the headers, and lets them pass again after Retry-After", async () => {
    const server = await start({ RATE_LIMIT_STORE: "memory" });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await get(server));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429]);
    const [first, , , , refused] = take(answers, 5);
    expect(first.headers.get("ratelimit-policy")).toBe('"api";q=4;w=3');
    expect(answers.slice(0, 4).map((a) => a.headers.get("ratelimit")?.match(/r=(\d+)/)?.[1])).toEqual([
      "3",
      "2",
      "1",
      "0",
    ]);
    expect(refused.body).toMatchObject({ code: 6001, status: 429, title: "Too many requests. Try again later" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    expect(refused.headers.get("ratelimit")).toMatch(/^"api";r=0;t=\d+$/);
    expect(refused.headers.get("ratelimit-policy")).toBe('"api";q=4;w=3');
    await sleep(retryAfter * 1000 + 100);
    expect((await get(server)).status).toBe(200);
  });

  it("counts unauthenticated requests per address", async () => {
    const server = await start({ RATE_LIMIT_STORE: "memory" });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await get(server, {})).body.code);
    expect(codes).toEqual([2004, 2004, 2004, 2004, 6001]);
  });

  const stores: [string, Record<string, string> | undefined, string][] = [
    ["Redis", redisUrl ? { RATE_LIMIT_STORE: "redis", REDIS_URL: redisUrl } : undefined, NEEDS_REDIS],
    [
      "PostgreSQL",
      postgresTestUrl ? { RATE_LIMIT_STORE: "postgres", RATE_LIMIT_POSTGRES_URL: postgresTestUrl } : undefined,
      NEEDS_POSTGRES,
    ],
  ];

  for (const [name, storeEnv, needs] of stores) {
    it(`holds across two instances sharing ${name}`, runIf(storeEnv !== undefined, needs), async () => {
      const prefix = uniquePrefix();
      const a = await start({ ...storeEnv!, RATE_LIMIT_KEY_PREFIX: prefix });
      const b = await start({ ...storeEnv!, RATE_LIMIT_KEY_PREFIX: prefix });
      const statuses = [];
      for (const server of [a, b, a, b, a, b]) statuses.push((await get(server)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    });
  }

  it(
    "a store that is down does not take the API down: each instance limits in memory instead",
    runIf(Boolean(redisUrl), NEEDS_REDIS),
    async () => {
      const server = await start({
        RATE_LIMIT_STORE: "redis",
        REDIS_URL: "redis://127.0.0.1:1",
        RATE_LIMIT_KEY_PREFIX: uniquePrefix(),
      });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await get(server)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    },
  );
});
