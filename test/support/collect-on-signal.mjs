// Test-only preload for a server under a memory test (node --expose-gc --import this): on SIGUSR2 it runs a
// full collection and then writes the process's RSS to <tmpdir>/held-rss-<pid>. An idle server may not collect
// for minutes, so plain RSS would count garbage as if it were held; a heap snapshot also collects first, but
// writes the whole heap to disk (10-20 s a reading on a loaded machine).
import { renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.on("SIGUSR2", () => {
  globalThis.gc();
  const file = path.join(tmpdir(), `held-rss-${process.pid}`);
  writeFileSync(`${file}.part`, String(process.memoryUsage().rss));
  renameSync(`${file}.part`, file);
});
