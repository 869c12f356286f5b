// npm start (production) and npm run dev (--dev): Next's request handler behind a small HTTP server of our
// own, because only the server knows the TCP peer (docs/decisions/007-custom-server-and-client-address.md).
// Every setting is checked before anything listens; a wrong one stops the start with a non-zero exit.
import { existsSync } from "node:fs";
import { createServer, ServerResponse, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import path from "node:path";
import v8 from "node:v8";
import type * as NextEnv from "@next/env";

const dev = process.argv.includes("--dev");
// Before Next or React load: they choose their builds by it (as `next start` and `next dev` do).
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
// `npm start` runs this file compiled (dist/server.mjs, scripts/compile-entry-points.mjs); `npm run dev` runs it through
// tsx, which turns on Node's source maps for the whole process. Kept off in production either way (a
// NODE_OPTIONS=--enable-source-maps would do the same): every chunk of Next's build would have its source map
// read and kept (tens of MB, scripts/bench/memory.ts). Error stacks point into the build, as with `next start`.
if (!dev) process.setSourceMapsEnabled(false);
// Before Prisma loads its WebAssembly: V8 would compile the query compiler a second time, optimized, and keep
// both (about 85 MB of peak RSS under the benchmark's load); its baseline code (Liftoff) did not cost measurable
// CPU per request, since the hot paths run raw SQL (docs/decisions/046; the CLI does the same for its exit).
v8.setFlagsFromString("--liftoff-only");

// Without a reader for our output (the supervisor or the test that started us is gone), every log line
// would fail, and the error about it too, in a loop: stop instead.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(1);
  });
}

function stop(message: string): never {
  console.error(`\nCannot start: ${message}\n`);
  process.exit(1);
}

const root = process.cwd();
const BOOT_WAIT_MS = 30_000;
// .env files, read as Next reads them, before the settings are checked.
// @next/env is CommonJS whose named exports Node's ES module loader cannot see: required, as Next does.
const { loadEnvConfig } = createRequire(import.meta.url)("@next/env") as typeof NextEnv;
loadEnvConfig(root, dev, { info: () => {}, error: console.error });

const settings = await import("@/lib/env").catch((error: Error) => stop(error.message));
const { env, secureCookies } = settings;
const problems = settings.serverStartProblems();
if (problems.length > 0) stop(`Invalid environment:\n${problems.join("\n")}`);
if (!dev && !existsSync(path.join(root, env.NEXT_DIST_DIR, "BUILD_ID")))
  stop(`NEXT_DIST_DIR: no production build in ${env.NEXT_DIST_DIR}; run \`npm run build\` first`);

const { default: next } = await import("next");
const { prepareRequest } = await import("@/lib/front-door/prepare-request");
const { directRouteFor } = await import("@/lib/front-door/direct-routes");
const { serveDirect } = await import("@/lib/front-door/serve-direct");
const { clientErrorResponse } = await import("@/lib/front-door/client-error");
const { expectBoot } = await import("@/lib/front-door/server-handshake");

const { serverTimeouts } = await import("@/lib/net/server-timeouts");

// A request gets what an 8 MB body needs at a slow plant link, not Node's 300 s (lib/net/server-timeouts.ts);
// the deadlines are checked every second rather than every 30 s.
const server = createServer({ ...serverTimeouts(env.MAX_BODY_BYTES), connectionsCheckingInterval: 1_000 });
const app = next({ dev, dir: root, hostname: env.HOSTNAME ?? "localhost", port: env.PORT, httpServer: server });
const booted = expectBoot();
await app.prepare();
// The app migrates and seeds in its instrumentation hook; a missing setting found there exits before we
// listen. A database that hangs at start must not keep the server from answering 1006, hence the bound.
await Promise.race([booted, new Promise((r) => setTimeout(r, BOOT_WAIT_MS).unref())]);
const handle = app.getRequestHandler();
const edge = { trustedProxies: env.TRUSTED_PROXIES, hsts: secureCookies };

function serve(req: IncomingMessage, res: ServerResponse): void {
  prepareRequest(req, res, edge);
  // The API's hot routes skip Next's routing frame once their module has loaded (docs/decisions/046). Not in
  // development: Next recompiles an edited route only when a request reaches it, so the registered one would be stale.
  const direct = env.API_DIRECT_ROUTES && !dev ? directRouteFor(req.method, req.url ?? "/") : null;
  (direct ? serveDirect(req, res, direct) : handle(req, res)).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
}

server.on("request", serve);
// Node hands CONNECT to this event, not to "request"; it gets the same 405 as every unserved method.
server.on("connect", (req: IncomingMessage, socket: Socket) => {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket);
  res.on("finish", () => socket.end());
  serve(req, res);
});

// Requests Node's parser refuses (TRACK, a malformed line) never reach a handler; they get the envelope too.
server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
  if (error.code === "ECONNRESET" || !socket.writable) socket.destroy();
  else socket.end(clientErrorResponse(error));
});

server.once("error", (error: NodeJS.ErrnoException) => {
  const where = `${env.HOSTNAME ?? "all addresses"} port ${env.PORT}`;
  if (error.code === "EADDRINUSE") stop(`PORT: ${env.PORT} is already in use`);
  if (error.code === "EACCES") stop(`PORT: listening on ${where} is not permitted`);
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND")
    stop(`HOSTNAME: ${env.HOSTNAME} is not an address of this machine`);
  stop(`cannot listen on ${where}: ${error.message}`);
});

server.listen(env.PORT, env.HOSTNAME, () => {
  console.log(`Ready on http://${env.HOSTNAME ?? "localhost"}:${env.PORT} (${dev ? "development" : "production"})`);
});

function shutDown(): void {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.once("SIGTERM", shutDown);
process.once("SIGINT", shutDown);
