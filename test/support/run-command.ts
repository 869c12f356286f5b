import { spawn } from "node:child_process";

export type CommandResult = { code: number; stdout: string; stderr: string };

/** Runs a program from the project's folder and collects what it printed. */
export async function runCommand(program: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  const child = spawn(program, args, { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  return { code, stdout, stderr };
}

/** The JSON lines a program printed, one object each. */
export const jsonLines = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
