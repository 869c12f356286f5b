import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { TEST_ADMIN } from "@/test/support/accounts";
import { assertBuildMatchesTree } from "@/test/support/build-check";

const ROOT = process.cwd();

/** `npm start`'s own command line (package.json), run with this Node: the suites test what operators run. */
function startCommand(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } })
    .scripts;
  const [program, ...args] = scripts.start.split(/\s+/);
  if (program !== "node") throw new Error(`npm start is "${scripts.start}"; the harness expects "node …"`);
  return args;
}

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
  /** The pid of the server process (`npm start`'s command, without npm). */
  pid: number;
  /** Everything the server printed so far (structured log lines). */
  output: () => string;
  stop: () => Promise<void>;
};

type StartOptions = {
  env: Record<string, string>;
  port?: number;
  quiet?: boolean;
  nodeArgs?: string[];
  /** What Node runs instead of `npm start`'s script, such as `["--import", "tsx/esm", "server.ts"]` (a benchmark). */
  script?: string[];
  /** The largest file the server may write (soft RLIMIT_FSIZE, util-linux prlimit): a disk that fills up, and can be emptied. */
  fileSizeLimitBytes?: number;
};

const running = new Set<ChildProcess>();
// A test that times out may leave its server behind: none outlives the test run.
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));

/** SIGTERM, and SIGKILL if the process is still there after 5 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Spawns the server as `npm start` would run it, on 127.0.0.1:port, with the test defaults under `env`. */
function spawnServer(options: StartOptions, port: number): ChildProcess {
  const command = [process.execPath, ...(options.nodeArgs ?? []), ...(options.script ?? startCommand())];
  // prlimit sets the limit and then runs the server in its own place (same process).
  if (options.fileSizeLimitBytes !== undefined)
    command.unshift("prlimit", `--fsize=${options.fileSizeLimitBytes}:`, "--");
  const [program, ...args] = command as [string, ...string[]];
  const child = spawn(program, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: "info",
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      // Tests speak plain HTTP to 127.0.0.1.
      AUTH_SECURE_COOKIES: "false",
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      ...options.env,
    },
    stdio: options.quiet ? "ignore" : ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

function collectOutput(child: ChildProcess): () => string {
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return () => output;
}

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
 * Starts the production build as `npm start` does, on a free port with the given environment; refuses a build
 * that was not made from the tree as it is (test/support/build-check.ts). `quiet`
 * discards the server's output (a benchmark must not pay for collecting megabytes of log lines).
 */
export async function startServer(options: StartOptions): Promise<TestServer> {
  const distDir = options.env.NEXT_DIST_DIR || process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(ROOT, distDir, "BUILD_ID")))
    throw new Error("No production build: run `npm run build` first");
  assertBuildMatchesTree({ root: ROOT, distDir });
  const port = options.port ?? (await freePort());
  const child = spawnServer(options, port);
  const output = collectOutput(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);
  try {
    await waitUntilServing(baseUrl, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output()}`);
  }
  return { baseUrl, port, pid: child.pid!, output, stop };
}

/**
 * Starts the server with settings that must stop it, and watches its port until it exits: a start that
 * fails fast exits non-zero and never listened, not even briefly.
 */
export async function startExpectingExit(
  options: StartOptions & { timeoutMs?: number },
): Promise<{ code: number | null; output: string; listened: boolean }> {
  const port = options.port ?? (await freePort());
  const child = spawnServer(options, port);
  const output = collectOutput(child);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  let listened = false;
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!done && Date.now() < deadline) {
    listened ||= await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!done) child.kill("SIGKILL");
  return { code: await exited, output: output(), listened };
}
