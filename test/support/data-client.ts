import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Role } from "@/lib/auth/roles";

/** Where the global setups compile the helper (test/support/compile-data-helper.ts). */
export const DATA_HELPER = path.join(process.cwd(), "node_modules/.cache/test-helpers/data-helper.mjs");

export type NewUser = { email: string; password: string; role: Role };
export type NewToken = { name: string; role: Role; expiresInSeconds?: number };

export type DataClient = {
  /** Creates these people, in this order, as `npm run cli -- users:create` does. */
  createUsers: (users: NewUser[]) => Promise<void>;
  /** Creates an API token as `npm run cli -- tokens:create` does; returns its secret. */
  createToken: (token: NewToken) => Promise<string>;
  /** Replaces every process with `count` numbered ones; with `demo`, the seed's demo processes first. */
  seed: (count: number, options?: { demo?: boolean }) => Promise<void>;
  deleteProcess: (id: number) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Starts test/support/data-helper.ts, compiled by the global setup, against a database (it runs the data layer
 * under the react-server condition). It migrates the database before its first command.
 */
export function startDataHelper(databaseUrl: string): DataClient {
  const child = spawn(process.execPath, ["--liftoff-only", "--conditions=react-server", DATA_HELPER], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const answers = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  let queue: Promise<unknown> = Promise.resolve();

  const send = <T>(command: object): Promise<T> => {
    const next = queue.then(async () => {
      child.stdin!.write(JSON.stringify(command) + "\n");
      const { value, done } = await answers.next();
      if (done) throw new Error("the data helper exited");
      const answer = JSON.parse(value as string) as { ok: boolean; result?: T; error?: string };
      if (!answer.ok) throw new Error(`data helper: ${answer.error}`);
      return answer.result as T;
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    createUsers: async (users) => void (await send({ op: "users", users })),
    createToken: async (token) => (await send<{ secret: string }>({ op: "token", token })).secret,
    seed: async (count, options) => void (await send({ op: "seed", count, demo: options?.demo })),
    deleteProcess: async (id) => void (await send({ op: "delete", id })),
    close: async () => {
      await queue;
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin!.end();
      await exited;
    },
  };
}
