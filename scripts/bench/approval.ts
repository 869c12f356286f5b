// npm run bench:approval [-- --no-build] [-- --rounds <n>] [-- --provider sqlite|postgresql]
// Issue 23, four-eyes approval (docs/decisions/043): approving a change request of 1,000 items writes all of
// them, their history rows, the request's decision and its audit event in one transaction (target < 1 s). Each
// round makes a 1,000-item request (PUT /api/v1/processes onto protected rows: 202, nothing written) and times
// its approval; the baseline is the same bulk PUT written directly with approval off, in the same run. Prints
// medians and the ratio; asserts nothing.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { ROLE_USERS } from "@/test/support/accounts";
import { createRoleUsers, createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { setupSessionCookie } from "@/test/support/session";
import { createTestDatabase } from "@/test/support/test-database";
import { startServer } from "@/test/support/test-server";

const { values } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    rounds: { type: "string", default: "5" },
    provider: { type: "string", default: "sqlite" },
  },
});
const ROUNDS = Number(values.rounds);
const COUNT = 1_000;
const provider = values.provider === "postgresql" ? "postgresql" : "sqlite";

process.env.NEXT_DIST_DIR ??= ".next-bench";
const log = (line: string) => process.stderr.write(`[bench:approval] ${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

if (!values["no-build"]) {
  log(`building into ${process.env.NEXT_DIST_DIR}`);
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
}

const database = await createTestDatabase(provider);
await seedProcesses(database.url, COUNT);
await createRoleUsers(database.url);
const adminSecret = await createTestToken(database.url, "Super user", { name: "bench admin" });
const writerSecret = await createTestToken(database.url, "Advanced user", { name: "bench requester" });
const server = await startServer({
  env: { DATABASE_URL: database.url, LOG_LEVEL: "warn", RATE_LIMIT_API_POINTS: "100000000", SEED_DEMO_DATA: "false" },
});

// The approver's token is made by a signed-in Super user: a token decides only for a known person (note 043).
const { email, password } = ROLE_USERS["Super user"];
const cookie = await setupSessionCookie(server.baseUrl, email, password);
const approverToken = await fetch(`${server.baseUrl}/api/v1/tokens`, {
  method: "POST",
  headers: { Cookie: cookie, Origin: server.baseUrl, "Content-Type": "application/json" },
  body: JSON.stringify({ name: "bench approver", role: "Super user" }),
});
const approverSecret = ((await approverToken.json()) as { secret: string }).secret;

const call = async (secret: string, method: string, path: string, body: unknown) => {
  const started = performance.now();
  const res = await fetch(server.baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, json, ms: performance.now() - started };
};
const policy = (approval: boolean) =>
  call(adminSecret, "PUT", "/api/v1/change-control", {
    reasonMode: "off",
    standardReasons: [],
    signatures: false,
    protection: "all",
    protectedIds: [],
    approval,
  });
const bulk = (round: number, kind: string) => ({
  processes: Array.from({ length: COUNT }, (_, i) => ({ id: i + 1, name: `${kind} ${round} ${i + 1}`, comment: "" })),
});

try {
  const direct: number[] = [];
  const approvals: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await policy(false);
    const plain = await call(writerSecret, "PUT", "/api/v1/processes", bulk(round, "Direct"));
    if (plain.status !== 200) throw new Error(`direct bulk PUT answered ${plain.status}`);
    direct.push(plain.ms);
    await policy(true);
    const held = await call(writerSecret, "PUT", "/api/v1/processes", bulk(round, "Approved"));
    if (held.status !== 202) throw new Error(`held bulk PUT answered ${held.status}`);
    const id = (held.json.changeRequest as { id: number }).id;
    const approved = await call(approverSecret, "POST", `/api/v1/change-requests/${id}/approve`, {});
    if (approved.status !== 200)
      throw new Error(`approval answered ${approved.status}: ${JSON.stringify(approved.json)}`);
    approvals.push(approved.ms);
    log(`round ${round + 1}: direct ${plain.ms.toFixed(0)} ms, approval ${approved.ms.toFixed(0)} ms`);
  }
  const a = median(approvals);
  const d = median(direct);
  console.log(`provider: ${provider}, ${COUNT} items, ${ROUNDS} rounds`);
  console.log(`approval of a ${COUNT}-item request: median ${a.toFixed(0)} ms (target < 1000 ms)`);
  console.log(`direct bulk PUT of ${COUNT} (baseline, same run): median ${d.toFixed(0)} ms`);
  console.log(`ratio approval / direct: ${(a / d).toFixed(2)}×`);
} finally {
  await server.stop();
  await database.drop();
}
