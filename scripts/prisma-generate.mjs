// `npm run db:generate` (and `npm run build`): generates both Prisma clients, offline.
//
// Every Prisma CLI command first tries to download the native schema engine, which fails here,
// although `generate` itself only runs WebAssembly. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// existing file skips the download.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  // Not executable on purpose: if Prisma ever ran it, it would fail at once instead of hanging.
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY || path.join(path.dirname(cli), "schema_engine_bg.wasm"),
  // No update check or telemetry call to the internet.
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

for (const provider of ["sqlite", "postgresql"]) {
  const config = path.join("prisma", provider, "prisma.config.ts");
  const result = spawnSync(process.execPath, [cli, "generate", "--config", config], {
    cwd: root,
    stdio: "inherit",
    env,
  });
  if (result.status !== 0) {
    const reason = result.error?.message ?? `exit code ${result.status ?? result.signal}`;
    console.error(`prisma generate failed for ${provider} (${config}): ${reason}`);
    process.exit(1);
  }
}
