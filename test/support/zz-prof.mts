import { startServer } from "/work/main/test/support/test-server.ts";
import { createTestDatabase } from "/work/main/test/support/test-database.ts";
import { createRoleUsers } from "/work/main/test/support/fixture-data.ts";
const db = await createTestDatabase((process.argv[2] as "sqlite") ?? "sqlite");
await createRoleUsers(db.url);
for (let i = 0; i < 3; i++) {
  const t = Date.now();
  const s = await startServer({ env: { DATABASE_URL: db.url, SEED_DEMO_DATA: "false" }, nodeArgs: i === 2 ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [] });
  const up = Date.now() - t;
  await s.stop();
  console.log("start", up, "ms");
}
await db.drop();
