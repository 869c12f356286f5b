import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = process.cwd();

/** Runs one of the project's scripts (seed, CLI) against a database, as a person would from the shell. */
export async function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{
  code: number;
  stdout: string;
  stderr: string;
  /** How long the process lived after its last output: a finished command must not linger. */
  lingeredMs: number;
}> {
  const tsx = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
  const child = spawn(process.execPath, [tsx, "--conditions=react-server", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let lastOutput = performance.now();
  child.stdout.on("data", (d: Buffer) => ((stdout += d.toString()), (lastOutput = performance.now())));
  child.stderr.on("data", (d: Buffer) => ((stderr += d.toString()), (lastOutput = performance.now())));
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  return { code, stdout, stderr, lingeredMs: performance.now() - lastOutput };
}
