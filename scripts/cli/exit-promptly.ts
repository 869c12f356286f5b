// Imported first by the CLI and the seed script, before Prisma loads its WebAssembly. V8 compiles a wasm module
// twice: at once with its baseline compiler (Liftoff), then again in the background, optimized; and a
// process does not end before that background work has. For Prisma's modules that kept a finished command
// alive for seconds after its last line (about 1 s on an idle machine, 4-7 s on a busy one). A command runs a
// few queries: baseline code serves it, and it ends when it is done.
import v8 from "node:v8";

v8.setFlagsFromString("--liftoff-only");
