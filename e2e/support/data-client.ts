import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Role } from "@/lib/auth/roles";

/** Where Playwright's global setup compiles the helper (e2e/support/compile-data-helper.ts). */
export const DATA_HELPER = path.join(process.cwd(), "node_modules/.cache/e2e/data-helper.mjs");

export type DataClient = {
  /** Migrates the database and creates these people, in this order. */
  createUsers: (users: { email: string; password: string; role: Role }[]) => Promise<void>;
  seed: (count: number, options?: { demo?: boolean }) => Promise<void>;
  deleteProcess: (id: number) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Starts e2e/support/data-helper.ts, compiled by the global setup, against a database (it runs the data layer
 * under the react-server condition).
 */
export function startDataHelper(databaseUrl: string): DataClient {
  const child = spawn(process.execPath, ["--conditions=react-server", DATA_HELPER], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const answers = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  let queue: Promise<unknown> = Promise.resolve();

  const send = (command: object) => {
    const next = queue.then(async () => {
      child.stdin!.write(JSON.stringify(command) + "\n");
      const { value, done } = await answers.next();
      if (done) throw new Error("the data helper exited");
      const answer = JSON.parse(value as string) as { ok: boolean; error?: string };
      if (!answer.ok) throw new Error(`data helper: ${answer.error}`);
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    createUsers: (users) => send({ op: "users", users }),
    seed: (count, options) => send({ op: "seed", count, demo: options?.demo }),
    deleteProcess: (id) => send({ op: "delete", id }),
    close: async () => {
      child.stdin!.end();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
