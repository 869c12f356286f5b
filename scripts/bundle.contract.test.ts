// Issue 24, offline install: `npm run bundle`'s archive, unpacked into an empty folder, starts in a network
// namespace with no network at all (unshare -n: only a loopback interface) on a fresh SQLite file, and a
// person signs in and saves; the CLI inside it works there too. The archive is made once, from the current build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "@/test/support/accounts";
import { assertBuildMatchesTree } from "@/test/support/build-check";

const ROOT = process.cwd();
const INSTALL = "apt-get install -y --no-install-recommends util-linux iproute2";
const INSTALL_SYSTEMD = "apt-get install -y --no-install-recommends systemd";

// Runs inside the namespace with the bundle's own Node: starts start.sh, signs in, saves, and prints one JSON line.
const RUNNER = String.raw`
import { spawn, spawnSync } from "node:child_process";
import { networkInterfaces } from "node:os";
const [email, password, dataDir] = process.argv.slice(2);
const base = "http://127.0.0.1:3000";
const env = { PATH: process.env.PATH, HOME: dataDir, PORT: "3000", HOSTNAME: "127.0.0.1", APP_URL: base,
  DATABASE_URL: "file:" + dataDir + "/app.db", ADMIN_EMAIL: email, ADMIN_PASSWORD: password, LOG_LEVEL: "warn" };
const server = spawn("./start.sh", [], { env, stdio: ["ignore", "inherit", "inherit"] });
// A GET again once when its kept-alive connection was closed meanwhile (the server's keep-alive timeout ran out
// while the CLI ran: "other side closed").
const get = (url, init) => fetch(url, init).catch(() => fetch(url, init));
const result = { interfaces: Object.keys(networkInterfaces()) };
try {
  for (let i = 0; ; i++) {
    const up = await fetch(base + "/api/v1/errors").then((r) => r.status, () => 0);
    if (up === 200) break;
    if (server.exitCode !== null || i > 1200) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const csrf = await fetch(base + "/api/auth/csrf");
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const signIn = await fetch(base + "/api/auth/callback/credentials", { method: "POST", redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: base },
    body: new URLSearchParams({ csrfToken: (await csrf.json()).csrfToken, email, password, json: "true" }) });
  const session = signIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))?.split(";")[0];
  result.signedIn = Boolean(session);
  const headers = { Cookie: session, Origin: base, "Content-Type": "application/json" };
  const [first] = (await (await fetch(base + "/api/v1/processes", { headers })).json()).processes;
  const put = await fetch(base + "/api/v1/processes/" + first.id, { method: "PUT", headers,
    body: JSON.stringify({ name: "Saved offline", comment: first.comment }) });
  result.saveStatus = put.status;
  result.stored = await (await fetch(base + "/api/v1/processes/" + first.id, { headers })).json();
  const cli = spawnSync("./cli.sh", ["tokens:create", "--name", "offline", "--role", "User"], { env, encoding: "utf8" });
  const token = cli.stdout.trim().split("\n").at(-1);
  result.cliStatus = cli.status;
  if (cli.status !== 0) result.cliOutput = cli.stdout + cli.stderr + String(cli.error ?? "");
  result.tokenRead = (await get(base + "/api/v1/processes/" + first.id, { headers: { Authorization: "Bearer " + token } })).status;
} catch (error) {
  result.error = String(error);
} finally {
  server.kill("SIGTERM");
}
console.log(JSON.stringify(result));
`;

describe("the offline install bundle (npm run bundle)", () => {
  let dir: string;
  let unpacked: string;
  let archive: string;

  beforeAll(() => {
    assertBuildMatchesTree();
    // In memory where there is /dev/shm: half a gigabyte unpacked, written and read once (disk waits were most
    // of this suite's time on a shared machine); the archive fast-compressed, its contents as npm run bundle's.
    dir = mkdtempSync(path.join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "bundle-test-"));
    const made = spawnSync(process.execPath, ["scripts/bundle.mjs", "--out", dir, "--fast"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (made.status !== 0) throw new Error(`scripts/bundle.mjs failed:\n${made.stdout}${made.stderr}`);
    archive = path.join(
      dir,
      readdirSync(dir).find((f) => f.endsWith(".tar.gz"))!,
    );
    const into = path.join(dir, "opt");
    mkdirSync(into);
    const tar = spawnSync("tar", ["-xzf", archive, "-C", into], { encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`tar -xzf failed: ${tar.stderr}`);
    unpacked = path.join(into, readdirSync(into)[0]!);
  }, 300_000);

  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("is one archive for this OS and architecture with the build, the server, migrations, Node and production packages only", () => {
    expect(path.basename(archive)).toMatch(
      new RegExp(`^plant-processes-\\d+\\.\\d+\\.\\d+-${process.platform}-${process.arch}\\.tar\\.gz$`),
    );
    for (const file of [
      "start.sh",
      "cli.sh",
      "node/bin/node",
      "dist/server.mjs",
      ".next/BUILD_ID",
      "prisma/sqlite/migrations/migration_lock.toml",
      "prisma/postgresql/migrations/migration_lock.toml",
      "node_modules/next/package.json",
      "node_modules/better-sqlite3/build/Release/better_sqlite3.node",
      "node_modules/tsx/dist/cli.mjs",
    ])
      expect(existsSync(path.join(unpacked, file)), file).toBe(true);
    for (const left of [
      "node_modules/vitest",
      "node_modules/@playwright",
      "node_modules/prisma",
      "node_modules/@next/swc-linux-x64-gnu",
      "lib/env.test.ts",
    ])
      expect(existsSync(path.join(unpacked, left)), left).toBe(false);
    expect(readdirSync(path.join(unpacked, ".next/cache"))).toEqual([]);
  });

  it(
    "starts with no network on a fresh SQLite file: a sign-in and a save work, and so does the CLI",
    { timeout: 240_000 },
    () => {
      const data = mkdtempSync(path.join(dir, "data-"));
      writeFileSync(path.join(unpacked, "offline-runner.mjs"), RUNNER);
      // As root a network namespace alone; otherwise inside a user namespace that maps us to root.
      const unshare = process.getuid?.() === 0 ? ["-n"] : ["-rn"];
      const script = 'ip link set lo up && exec ./node/bin/node offline-runner.mjs "$@"';
      const run = spawnSync(
        "unshare",
        [...unshare, "sh", "-c", script, "runner", TEST_ADMIN.email, TEST_ADMIN.password, data],
        {
          cwd: unpacked,
          // Nothing of this machine's settings: what a plant's shell would have.
          env: { PATH: process.env.PATH, NODE_ENV: "production" },
          encoding: "utf8",
          timeout: 220_000,
        },
      );
      if (run.error || run.stdout.trim() === "")
        throw new Error(
          `the offline run failed (${run.error?.message ?? run.status}; needs unshare and ip: ${INSTALL}):\n${run.stderr}`,
        );
      const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
      // What went wrong inside the namespace, said first.
      expect(result.error, `${result.error}\n${result.cliOutput ?? ""}\n${run.stderr}`).toBeUndefined();
      expect(result, run.stderr).toMatchObject({
        interfaces: ["lo"],
        signedIn: true,
        saveStatus: 200,
        stored: { name: "Saved offline" },
        cliStatus: 0,
        tokenRead: 200,
      });
      // The fresh database and the session key were made beside each other in the data folder.
      expect(readdirSync(data)).toEqual(expect.arrayContaining(["app.db", ".auth-secret"]));
    },
  );

  it("the systemd unit of docs/deploy names the bundle's start script and passes systemd-analyze", () => {
    const unit = readFileSync(path.join(ROOT, "docs/deploy/plant-processes.service"), "utf8").replaceAll(
      "/opt/plant-processes",
      unpacked,
    );
    const file = path.join(dir, "plant-processes.service");
    writeFileSync(file, unit);
    const verify = spawnSync("systemd-analyze", ["verify", file], { encoding: "utf8" });
    if (verify.error) throw new Error(`systemd-analyze is missing: ${INSTALL_SYSTEMD}`);
    expect(`${verify.stdout}${verify.stderr}`.trim()).toBe("");
    expect(verify.status).toBe(0);
  });
});
