// The benchmark's ceiling: a bare Next app (scripts/bench/bare-next, the project's own Next version, one route,
// no middleware) started with `next start` beside the project's server, serving the list the project answered.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, stopProcess } from "@/test/support/test-server";
import { cpuMs, peakRssKb, servingPid, type BenchServer } from "./server";

const DIR = path.join(process.cwd(), "scripts", "bench", "bare-next");
const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: ".next", NODE_ENV: "production" as const };

export function buildBareNext(): void {
  execFileSync(process.execPath, [NEXT_BIN, "build", DIR], { stdio: ["ignore", "ignore", "inherit"], env });
}

export function bareNextBuilt(): boolean {
  return existsSync(path.join(DIR, ".next", "BUILD_ID"));
}

/** `next start`, or Next's request handler behind node:http as the project's server.ts runs it (server.mjs). */
export type BareKind = "next start" | "handler";

/** Starts the bare app answering GET /api/v1/processes with `body`, byte for byte. */
export async function startBareNext(body: string, kind: BareKind): Promise<BenchServer> {
  const bodyFile = path.join(mkdtempSync(path.join(tmpdir(), "bare-next-")), "body.json");
  writeFileSync(bodyFile, body);
  const port = await freePort();
  const args =
    kind === "next start"
      ? [NEXT_BIN, "start", DIR, "-p", String(port), "-H", "127.0.0.1"]
      : [path.join(DIR, "server.mjs"), String(port)];
  const child = spawn(process.execPath, args, {
    env: { ...env, BARE_BODY_FILE: bodyFile },
    stdio: "ignore",
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bare Next app exited with code ${child.exitCode}`);
    const answered = await fetch(`${baseUrl}/api/v1/processes`).then(
      (r) => r.text(),
      () => null,
    );
    if (answered === body) break;
    if (answered !== null) {
      await stop();
      throw new Error("the bare Next app answered a different body than the project's list");
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("the bare Next app did not answer within 60 s");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = servingPid(child.pid!, port);
  return { baseUrl, pid, peakRssKb: () => peakRssKb(pid), cpuMs: () => cpuMs(pid), stop };
}
