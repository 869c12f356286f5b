import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBackup } from "@/lib/ops/backup/restore";
import { scrapeMetrics } from "@/test/support/prometheus";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// Scheduled backups in the running server (BACKUP_DIR, BACKUP_INTERVAL, BACKUP_KEEP): made every interval, the
// oldest removed past BACKUP_KEEP, each a backup db:restore accepts, and counted in the metrics. SQLite only:
// the copy itself is the code db:backup runs, tested on both providers in backup.contract.test.ts.

const METRICS_TOKEN = "schedule-metrics-token-schedule-metrics-0";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("scheduled backups", { timeout: 240_000 }, () => {
  let database: TestDatabase;
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "scheduled-"));
    database = await createTestDatabase("sqlite");
    server = await startServer({
      env: { DATABASE_URL: database.url, BACKUP_DIR: dir, BACKUP_INTERVAL: "10s", BACKUP_KEEP: "2", METRICS_TOKEN },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes one every interval, keeps the newest BACKUP_KEEP, and counts them", async () => {
    const scrape = () => scrapeMetrics(server.baseUrl, { Authorization: `Bearer ${METRICS_TOKEN}` });
    let made = 0;
    for (let i = 0; i < 120 && made < 3; i++) {
      await sleep(1_000);
      made = (await scrape()).value("plant_processes_backups_total", { result: "ok" });
    }
    expect(made).toBeGreaterThanOrEqual(3);
    const files = readdirSync(dir).sort();
    // Each is written in a work folder and renamed when complete; the next one starts an interval later.
    expect(files.filter((f) => !f.startsWith(".backup-work-"))).toHaveLength(2);
    for (const file of files.filter((f) => f.endsWith(".tar"))) {
      expect(file).toMatch(/^processes-\d{8}T\d{6}Z\.tar$/);
      const { manifest } = readBackup(path.join(dir, file));
      expect(manifest).toMatchObject({ provider: "sqlite", rows: { processes: 8 } });
    }
    const metrics = await scrape();
    expect(metrics.value("plant_processes_backups_total", { result: "failed" })).toBe(0);
    expect(metrics.value("plant_processes_backup_last_success_timestamp_seconds")).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
  });
});
