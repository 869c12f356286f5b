import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export type DataClient = {
  seed: (count: number, options?: { demo?: boolean }) => Promise<void>;
  deleteProcess: (id: number) => Promise<void>;
  close: () => Promise<void>;
};

/** Starts e2e/support/data-helper.ts against a database (it runs the data layer under the react-server condition). */
export function startDataHelper(databaseUrl: string): DataClient {
  const tsx = path.join(process.cwd(), "node_modules/tsx/dist/cli.mjs");
  const child = spawn(process.execPath, [tsx, "--conditions=react-server", "e2e/support/data-helper.ts"], {
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
    seed: (count, options) => send({ op: "seed", count, demo: options?.demo }),
    deleteProcess: (id) => send({ op: "delete", id }),
    close: async () => {
      child.stdin!.end();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
