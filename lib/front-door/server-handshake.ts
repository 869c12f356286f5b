// The server (server.ts, compiled to dist/server.mjs) and the app (bundled by Next) run in one process but
// share no modules; they meet on globalThis under these registered symbols.

type Deferred = { done: Promise<void>; resolve: () => void };

const SERVER = Symbol.for("plant-processes.server");
const BOOT = Symbol.for("plant-processes.boot");
const PREPARED = Symbol.for("plant-processes.prepared");

type Shared = { [SERVER]?: true; [BOOT]?: Deferred; [PREPARED]?: true };
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

/** Called by the app once its database is migrated and seeded (the instrumentation and the routes share no modules). */
export function databasePrepared(): void {
  shared[PREPARED] = true;
}

/** Whether the boot's database preparation has succeeded (readiness: `/api/health/ready`). */
export const isDatabasePrepared = (): boolean => shared[PREPARED] === true;
