import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestOptions } from "vitest";
import { closeHelper } from "@/test/support/fixture-data";
import { NEEDS_POSTGRES, postgresTestUrl, runIf } from "@/test/support/requirements";

export type Provider = "sqlite" | "postgresql";

export { postgresTestUrl };

/** Each provider with the options that run its suites (PostgreSQL only where TEST_DATABASE_URL names a server). */
export const PROVIDERS: { provider: Provider; options: TestOptions }[] = [
  { provider: "sqlite", options: {} },
  { provider: "postgresql", options: runIf(Boolean(postgresTestUrl), NEEDS_POSTGRES) },
];

export type TestDatabase = { url: string; drop: () => Promise<void> };

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = "/" + name;
  return u.toString();
}

/** A fresh, empty database: a temporary SQLite file, or a new database on the test PostgreSQL server. */
export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "processes-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    return {
      url,
      drop: async () => {
        await closeHelper(url);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!postgresTestUrl) throw new Error("TEST_DATABASE_URL is not a postgresql:// URL");
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: postgresTestUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(postgresTestUrl, name);
  return {
    url,
    drop: async () => {
      await closeHelper(url);
      const c = new pg.Client({ connectionString: postgresTestUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
