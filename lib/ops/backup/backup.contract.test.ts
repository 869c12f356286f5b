import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { BACKUP_FORMAT, MANIFEST_MEMBER } from "@/lib/ops/backup/manifest";
import { listTarMembers, tarEnd, tarHeader, tarPadding } from "@/lib/ops/backup/tar";
import { createTestToken } from "@/test/support/fixture-data";
import { runOutside } from "@/test/support/outside-sql";
import { openSqlReader } from "@/test/support/sql-reader";
import { openEvents } from "@/test/support/sse";
import { runScript } from "@/test/support/run-script";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// db:backup and db:restore as an operator runs them, beside the production server (issue 24): a backup taken
// under a steady stream of PUTs holds every write confirmed before it began, restores into a database that
// opens, serves and resets event streams; a damaged, foreign or newer backup is refused and changes nothing.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The schema of an older release: before the people and audit migration (lib/db/upgrade.contract.test.ts).
const OLDER_RELEASE = "20261206120000_history_prunes";

/** PostgreSQL's client programs are a Debian package: a machine without them fails here, saying which. */
function requirePostgresClient(): void {
  for (const program of ["pg_dump", "pg_restore", "psql"]) {
    try {
      execFileSync(program, ["--version"], { stdio: "ignore" });
    } catch {
      throw new Error(`${program} is missing: apt-get install -y --no-install-recommends postgresql-client`);
    }
  }
}

async function rowsOf<T>(url: string, sql: string): Promise<T[]> {
  const reader = await openSqlReader(url);
  try {
    return await reader.rows<T>(sql);
  } finally {
    await reader.close();
  }
}

const requestIds = async (url: string) =>
  new Set(
    (await rowsOf<{ requestId: string | null }>(url, 'SELECT "requestId" FROM process_changes')).map(
      (r) => r.requestId,
    ),
  );
const epochOf = async (url: string) =>
  (await rowsOf<{ value: string }>(url, "SELECT value FROM database_epoch WHERE id = 1"))[0]?.value;

/** The same backup with another manifest (the database copy untouched, under the name the manifest gives). */
function rewriteManifest(source: string, target: string, change: (m: Record<string, unknown>) => void): void {
  const bytes = readFileSync(source);
  const [manifestMember, payload] = listTarMembers(source);
  const manifest = JSON.parse(
    bytes.subarray(manifestMember!.offset, manifestMember!.offset + manifestMember!.size).toString(),
  );
  change(manifest);
  const text = Buffer.from(JSON.stringify(manifest));
  const data = bytes.subarray(payload!.offset, payload!.offset + payload!.size);
  writeFileSync(
    target,
    Buffer.concat([
      tarHeader(MANIFEST_MEMBER, text.length, new Date()),
      text,
      tarPadding(text.length),
      tarHeader((manifest.payload as { member: string }).member, data.length, new Date()),
      data,
      tarPadding(data.length),
      tarEnd(),
    ]),
  );
}

describe.each(PROVIDERS)("backup and restore on $provider", ({ provider, options }) => {
  describe("", { ...options, timeout: 300_000 }, () => {
    let database: TestDatabase;
    let server: TestServer;
    let token: string;
    let dir: string;
    const extra: TestDatabase[] = [];
    const cli = (url: string, ...args: string[]) => runScript("scripts/cli.ts", args, { DATABASE_URL: url });
    const auth = () => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
      if (provider === "postgresql") requirePostgresClient();
      dir = mkdtempSync(path.join(tmpdir(), "backups-"));
      database = await createTestDatabase(provider);
      server = await startServer({ env: { DATABASE_URL: database.url } });
      token = await createTestToken(database.url, "Advanced user");
    }, 180_000);

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
      for (const d of extra) await d.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function freshDatabase(): Promise<TestDatabase> {
      const d = await createTestDatabase(provider);
      extra.push(d);
      return d;
    }

    it(
      "a backup under a PUT every few ms holds every write confirmed before it began; it restores (with --yes only) into a database that serves and resets event streams",
      { timeout: 300_000 },
      async () => {
        // A stream on the running server: its ids carry the original database's epoch.
        const stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, auth());
        const confirmed: string[] = [];
        let stop = false;
        const load = (async () => {
          for (let n = 0; !stop; n++) {
            const requestId = `load-${provider}-${n}-${Date.now()}`;
            const res = await fetch(`${server.baseUrl}/api/v1/processes/${(n % 8) + 1}`, {
              method: "PUT",
              headers: { ...auth(), "Content-Type": "application/json", "X-Request-Id": requestId },
              body: JSON.stringify({ name: `Load ${n}`, comment: `write ${n}` }),
            });
            await res.arrayBuffer();
            if (res.status === 200) confirmed.push(requestId);
            await sleep(3);
          }
        })();
        while (confirmed.length < 20) await sleep(20);
        const oldEventId = (await stream.next((e) => e.event === "process")).id!;
        stream.close();

        const before = [...confirmed];
        const file = path.join(dir, "under-load.tar");
        const backup = await cli(database.url, "db:backup", file);
        const during = confirmed.length - before.length;
        stop = true;
        await load;
        expect(backup.code, backup.stderr).toBe(0);
        expect(backup.stdout).toMatch(/^Wrote .*schema \d{14}_\w+/);
        // The load went on while the backup ran (its CLI alone takes seconds to start).
        expect(during).toBeGreaterThan(0);
        expect(confirmed.length).toBeGreaterThan(before.length);

        // Without --yes: it checks, says what it would replace, and changes nothing.
        const target = await freshDatabase();
        const dryRun = await cli(target.url, "db:restore", file);
        expect(dryRun.code).toBe(2);
        expect(dryRun.stdout).toContain("its check passed");
        expect(dryRun.stdout).toMatch(/It replaces everything in (SQLite file|PostgreSQL database)/);
        expect(dryRun.stderr).toContain("Nothing changed: run the same command with --yes");
        await expect(rowsOf(target.url, "SELECT 1 FROM processes")).rejects.toThrow();

        const restore = await cli(target.url, "db:restore", file, "--yes");
        expect(restore.code, restore.stderr).toBe(0);
        expect(restore.stdout).toMatch(/Restored\. .*epoch is now [0-9a-f]{12}/);
        const restored = await requestIds(target.url);
        expect(before.filter((id) => !restored.has(id))).toEqual([]);
        // Nothing confirmed after the backup ended can be in it.
        expect(confirmed.slice(before.length + during).filter((id) => restored.has(id))).toEqual([]);
        expect(await epochOf(target.url)).not.toBe(await epochOf(database.url));
        // The tamper-evident trail came with it and verifies (rows written during the copy seal like any new ones).
        const verified = await cli(target.url, "audit:verify");
        expect([verified.code, verified.stderr]).toEqual([0, ""]);

        // The restored copy serves: the same token, a GET and a PUT; an old event id gets `reset`.
        const second = await startServer({ env: { DATABASE_URL: target.url } });
        try {
          const list = await fetch(`${second.baseUrl}/api/v1/processes`, { headers: auth() });
          expect(list.status).toBe(200);
          expect(((await list.json()) as { processes: unknown[] }).processes).toHaveLength(8);
          const put = await fetch(`${second.baseUrl}/api/v1/processes/1`, {
            method: "PUT",
            headers: { ...auth(), "Content-Type": "application/json" },
            body: JSON.stringify({ name: "After restore", comment: "" }),
          });
          expect([put.status, ((await put.json()) as { name: string }).name]).toEqual([200, "After restore"]);
          const resumed = await openEvents(`${second.baseUrl}/api/v1/processes/events`, {
            ...auth(),
            "Last-Event-ID": oldEventId,
          });
          expect((await resumed.next()).event).toBe("reset");
          resumed.close();
          const ready = await fetch(`${second.baseUrl}/api/health/ready`);
          expect(ready.status).toBe(200);
        } finally {
          await second.stop();
        }
      },
    );

    it("a restore under the running server resets its open event streams and serves the restored rows", async () => {
      const file = path.join(dir, "before-change.tar");
      expect((await cli(database.url, "db:backup", file)).code).toBe(0);
      const put = await fetch(`${server.baseUrl}/api/v1/processes/2`, {
        method: "PUT",
        headers: { ...auth(), "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Written after the backup", comment: "" }),
      });
      expect(put.status).toBe(200);
      const stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, auth());
      const restore = await cli(database.url, "db:restore", file, "--yes");
      expect(restore.code, restore.stderr).toBe(0);
      expect((await stream.next((e) => e.event === "reset", 20_000)).event).toBe("reset");
      stream.close();
      const one = await fetch(`${server.baseUrl}/api/v1/processes/2`, { headers: auth() });
      expect(((await one.json()) as { name: string }).name).not.toBe("Written after the backup");
    });

    it("refuses a damaged backup, one from a newer schema, another provider's, a manifest naming a path, and a file that is none; nothing changes", async () => {
      const good = path.join(dir, "good.tar");
      expect((await cli(database.url, "db:backup", good)).code).toBe(0);
      // A backup never overwrites a file.
      const again = await cli(database.url, "db:backup", good);
      expect([again.code, again.stderr]).toEqual([1, expect.stringContaining("exists already")]);

      const damaged = path.join(dir, "damaged.tar");
      copyFileSync(good, damaged);
      const payload = listTarMembers(damaged)[1]!;
      const bytes = readFileSync(damaged);
      bytes[payload.offset + Math.floor(payload.size / 2)]! ^= 0xff;
      writeFileSync(damaged, bytes);
      const newer = path.join(dir, "newer.tar");
      rewriteManifest(good, newer, (m) => {
        m.migrations = [...(m.migrations as string[]), "29991231000000_from_the_future"];
        m.schemaVersion = "29991231000000_from_the_future";
      });
      const foreign = path.join(dir, "foreign.tar");
      rewriteManifest(good, foreign, (m) => {
        m.provider = provider === "sqlite" ? "postgresql" : "sqlite";
        (m.payload as { member: string }).member = provider === "sqlite" ? "database.pgdump" : "database.sqlite";
      });
      // A manifest that names a path for the copy: the restore would write it outside its work folder.
      const escaping = path.join(dir, "escaping.tar");
      rewriteManifest(good, escaping, (m) => ((m.payload as { member: string }).member = "../../escaped.sqlite"));
      const notOne = path.join(dir, "not-a-backup.tar");
      writeFileSync(notOne, "just some text\n".repeat(100));

      const epoch = await epochOf(database.url);
      const changes = (await requestIds(database.url)).size;
      for (const [file, message] of [
        [damaged, /fails its check: SHA-256/],
        [newer, /from a newer release \(schema 29991231000000_from_the_future\)/],
        [foreign, /the backup is of a (sqlite|postgresql) database and DATABASE_URL names a/],
        [escaping, /manifest is of an unknown version or damaged/],
        [notOne, /not a backup/],
      ] as const) {
        const result = await cli(database.url, "db:restore", file, "--yes");
        expect([result.code, result.stderr]).toEqual([1, expect.stringMatching(message)]);
        expect(result.stdout).not.toContain("Restored");
      }
      expect(await epochOf(database.url)).toBe(epoch);
      expect((await requestIds(database.url)).size).toBe(changes);
      const manifest = JSON.parse(execFileSync("tar", ["-xOf", good, MANIFEST_MEMBER]).toString());
      expect(manifest).toMatchObject({ format: BACKUP_FORMAT, provider, payload: { sha256: expect.any(String) } });
    });

    it("an older release's backup restores under the running server, brought to this release's schema", async () => {
      const old = await freshDatabase();
      await migrateDatabase({ url: old.url, until: OLDER_RELEASE });
      const secret = "ppt_" + "b".repeat(43);
      const when = "2026-12-01T10:00:00.000Z";
      await runOutside(old.url, [
        [
          'INSERT INTO processes (id, name, comment, version, "createdAt", "updatedAt") VALUES (1, $1, $2, 1, $3, $4)',
          ["From the old release", "", when, when],
        ],
        [
          'INSERT INTO api_tokens (name, role, "tokenHash", "createdAt", "expiresAt") VALUES ($1, $2, $3, $4, $5)',
          ["Old MES", "User", createHash("sha256").update(secret).digest("hex"), when, "2036-01-01T00:00:00.000Z"],
        ],
      ]);
      const file = path.join(dir, "older-release.tar");
      const backup = await cli(old.url, "db:backup", file);
      expect([backup.code, backup.stdout]).toEqual([0, expect.stringContaining(`schema ${OLDER_RELEASE}`)]);
      const restore = await cli(database.url, "db:restore", file, "--yes");
      expect(restore.code, restore.stderr).toBe(0);
      // Every migration after the older release, in order (people and audit first; later issues' after it).
      expect(restore.stdout).toMatch(
        /Applied this release's newer migrations: \d{14}_people_and_audit(, \d{14}_\w+)*\./,
      );
      const list = await fetch(`${server.baseUrl}/api/v1/processes`, {
        headers: { Authorization: `Bearer ${secret}` },
      });
      expect(((await list.json()) as { processes: { name: string }[] }).processes.map((p) => p.name)).toEqual([
        "From the old release",
      ]);
      expect((await fetch(`${server.baseUrl}/api/health/ready`)).status).toBe(200);
    });
  });
});
