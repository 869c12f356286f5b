import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { TEST_ADMIN } from "@/test/support/accounts";

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type TestServer = {
  baseUrl: string;
  port: number;
  /** The pid of `next start` (which may serve from a child process). */
  pid: number;
  /** Everything the server printed so far (structured log lines). */
  output: () => string;
  stop: () => Promise<void>;
};

async function waitUntilServing(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/errors`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer within ${timeoutMs} ms`);
}

/**
 * Starts the production build (`next start`) on a free port with the given environment. `quiet` discards
 * the server's output (a benchmark must not pay for collecting megabytes of log lines).
 */
export async function startServer(options: {
  env: Record<string, string>;
  port?: number;
  quiet?: boolean;
  nodeArgs?: string[];
}): Promise<TestServer> {
  if (!existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID")))
    throw new Error("No production build: run `npm run build` first");
  const port = options.port ?? (await freePort());
  const args = [...(options.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      // Tests speak plain HTTP to 127.0.0.1.
      AUTH_SECURE_COOKIES: "false",
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      ...options.env,
    },
    stdio: options.quiet ? "ignore" : ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  try {
    await waitUntilServing(baseUrl, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return { baseUrl, port, pid: child.pid!, output: () => output, stop };
}
