// The server (server.ts, compiled to dist/server.mjs) and the app (bundled by Next) run in one process but
// share no modules; they meet on globalThis under these registered symbols.

type Deferred = { done: Promise<void>; resolve: () => void };

const SERVER = Symbol.for("plant-processes.server");
const BOOT = Symbol.for("plant-processes.boot");

type Shared = { [SERVER]?: true; [BOOT]?: Deferred };
const shared = globalThis as Shared;

/** Called by the server before Next loads; returns a promise that the app's first preparation settles. */
export function expectBoot(): Promise<void> {
  let resolve: () => void = () => {};
  const done = new Promise<void>((r) => (resolve = r));
  shared[SERVER] = true;
  shared[BOOT] = { done, resolve };
  return done;
}

/** Called by the app when its first preparation has run (done, or retrying against a database that is down). */
export function bootFinished(): void {
  shared[BOOT]?.resolve();
}

/** Whether the app runs behind server.ts (which alone knows the client's address). */
export const runsBehindServer = (): boolean => shared[SERVER] === true;
