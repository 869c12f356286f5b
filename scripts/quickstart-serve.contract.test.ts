import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "@/test/support/accounts";
import { assertBuildMatchesTree } from "@/test/support/build-check";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { freePort, startServer } from "@/test/support/test-server";

// Issue 24, safe defaults: the quick start (its serving half, scripts/quickstart-serve.sh, as the quick start
// runs it after install and build) listens on 127.0.0.1 only unless HOSTNAME is set in the environment;
// `npm start` listens where HOSTNAME says, all addresses when it is unset (documented in the README).

const databases: TestDatabase[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  // A group left running by a failed test (the stopped ones are gone).
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  await Promise.all(databases.map((d) => d.drop()));
});

/** Whether a TCP connection to host:port is accepted, or the error code that refused it. */
function connects(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => (socket.destroy(), resolve("connected")));
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function answers(host: string, port: number): Promise<number> {
  const res = await fetch(`http://${host.includes(":") ? `[${host}]` : host}:${port}/api/v1/errors`);
  await res.arrayBuffer();
  return res.status;
}

/** Runs scripts/quickstart-serve.sh (in its own process group) until it serves on `host`:port. */
async function quickstartServe(env: Record<string, string | undefined>, host: string) {
  const database = await createTestDatabase("sqlite");
  databases.push(database);
  const port = await freePort();
  const { HOSTNAME: _inherited, ...base } = process.env;
  const child = spawn("bash", ["scripts/quickstart-serve.sh"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...base,
      DATABASE_URL: database.url,
      PORT: String(port),
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      LOG_LEVEL: "warn",
      ...env,
    },
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`quickstart-serve.sh exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`quickstart-serve.sh did not serve in time:\n${output}`);
    if (await answers(host, port).catch(() => 0)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  };
  return { port, output: () => output, stop };
}

describe("where the server listens by default", () => {
  it("the quick start listens on 127.0.0.1 only, and says how to open it up", { timeout: 200_000 }, async () => {
    assertBuildMatchesTree();
    const served = await quickstartServe({}, "127.0.0.1");
    try {
      expect(await answers("127.0.0.1", served.port)).toBe(200);
      // Another loopback address and IPv6 reach every socket bound to "all addresses"; here they are refused.
      expect(await connects("127.0.0.2", served.port)).toBe("ECONNREFUSED");
      expect(await connects("::1", served.port)).toMatch(/^(ECONNREFUSED|EADDRNOTAVAIL)$/);
      expect(served.output()).toContain("quickstart: listening on 127.0.0.1 only");
      expect(served.output()).toContain("HOSTNAME=0.0.0.0 APP_URL=http://");
    } finally {
      await served.stop();
    }
  });

  it("the quick start listens where an exported HOSTNAME says", { timeout: 200_000 }, async () => {
    const served = await quickstartServe({ HOSTNAME: "127.0.0.2" }, "127.0.0.2");
    try {
      expect(await answers("127.0.0.2", served.port)).toBe(200);
      expect(await connects("127.0.0.1", served.port)).toBe("ECONNREFUSED");
      expect(served.output()).toContain("quickstart: listening on HOSTNAME=127.0.0.2 (from the environment)");
    } finally {
      await served.stop();
    }
  });

  it("npm start without HOSTNAME listens on all addresses, as the README documents", { timeout: 120_000 }, async () => {
    const database = await createTestDatabase("sqlite");
    databases.push(database);
    // An empty value counts as unset (lib/env.ts), which overrides the harness's 127.0.0.1.
    const server = await startServer({ env: { DATABASE_URL: database.url, HOSTNAME: "" } });
    try {
      expect(await answers("127.0.0.1", server.port)).toBe(200);
      expect(await answers("127.0.0.2", server.port)).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
