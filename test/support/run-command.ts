import { spawn } from "node:child_process";

export type CommandResult = { code: number; stdout: string; stderr: string };

/** A program started from the project's folder: what it printed so far, and its result once it ends. */
export type RunningCommand = { stdout: () => string; stderr: () => string; done: Promise<CommandResult> };

/** Starts a program from the project's folder; a test can poll its output while it runs. */
export function startCommand(program: string, args: string[], env: Record<string, string>): RunningCommand {
  const child = spawn(program, args, { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1))).then((code) => ({
    code,
    stdout,
    stderr,
  }));
  return { stdout: () => stdout, stderr: () => stderr, done };
}

/** Runs a program from the project's folder and collects what it printed. */
export async function runCommand(program: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return startCommand(program, args, env).done;
}

/** The JSON lines a program printed, one object each. */
export const jsonLines = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
