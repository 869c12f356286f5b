// The bare app served the way the project serves itself (server.ts): Next's request handler behind a plain
// node:http server, without `next start`'s router server in front. Usage: node server.mjs <port>
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const dir = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.argv[2]);
const server = createServer();
const app = next({ dir, hostname: "127.0.0.1", port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
server.on("request", (req, res) => void handle(req, res));
server.listen(port, "127.0.0.1");
// An orderly exit (profiles and heap snapshots get written) when the benchmark stops it.
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => process.exit(0));
