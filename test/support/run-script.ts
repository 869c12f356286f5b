import { spawn } from "node:child_process";
import path from "node:path";
import { COMPILED } from "@/scripts/source-fingerprint.mjs";
import { assertBuildMatchesTree } from "@/test/support/build-check";

const ROOT = process.cwd();
const COMPILED_OF = new Map(COMPILED.map(({ source, file }) => [source, file]));

export type RunScriptOptions = {
  /**
   * "compiled" (the default where the build compiled the script: the CLI and the seed script) runs the file
   * `npm run build` made from it, as a person runs it, without tsx compiling every module on each start (about
   * 3.5 of 4 CPU seconds per command). "tsx" runs the source as `npm run cli` / `npm run db:seed` do.
   */
  through?: "compiled" | "tsx";
};

/** Runs one of the project's scripts (seed, CLI) against a database, as a person would from the shell. */
export async function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  options: RunScriptOptions = {},
): Promise<{
  code: number;
  stdout: string;
  stderr: string;
  /** How long the process lived after its last output: a finished command must not linger. */
  lingeredMs: number;
}> {
  const compiled = options.through === "tsx" ? undefined : COMPILED_OF.get(script);
  // A compiled file older than the tree would run old code: refused, as a stale build is.
  if (compiled) assertBuildMatchesTree();
  const command = compiled
    ? ["--conditions=react-server", compiled]
    : [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", script];
  const child = spawn(process.execPath, [...command, ...args], {
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
