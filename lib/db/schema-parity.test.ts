import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// SQLite and PostgreSQL each need their own schema file, client and migrations; these checks keep
// the two from drifting apart.

const root = process.cwd();
const providers = ["sqlite", "postgresql"] as const;

function read(file: string): string {
  return fs.readFileSync(path.join(root, file), "utf8");
}

/** The schema without the two lines that must differ: the datasource provider, the generator output. */
function withoutProviderSpecifics(schema: string): string {
  let block = "";
  const kept: string[] = [];
  for (const line of schema.split("\n")) {
    const opening = /^\s*(datasource|generator|model|enum|view|type)\s+\w+\s*\{/.exec(line);
    if (opening) block = opening[1]!;
    else if (/^\s*\}/.test(line)) block = "";
    if (block === "datasource" && /^\s*provider\s*=/.test(line)) continue;
    if (block === "generator" && /^\s*output\s*=/.test(line)) continue;
    kept.push(line);
  }
  return kept.join("\n");
}

function migrationNames(provider: string): string[] {
  const dir = path.join(root, "prisma", provider, "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

describe("schema parity between SQLite and PostgreSQL", () => {
  it("declares the expected provider and client output in each schema", () => {
    for (const provider of providers) {
      const schema = read(`prisma/${provider}/schema.prisma`);
      expect(schema).toMatch(new RegExp(`datasource db \\{\\s*provider\\s*=\\s*"${provider}"`));
      expect(schema).toContain(`output   = "../../lib/generated/${provider}"`);
    }
  });

  it("has identical schemas apart from provider and output", () => {
    const sqlite = withoutProviderSpecifics(read("prisma/sqlite/schema.prisma"));
    const postgres = withoutProviderSpecifics(read("prisma/postgresql/schema.prisma"));
    expect(sqlite).not.toMatch(/provider\s*=\s*"sqlite"/);
    expect(postgres).toBe(sqlite);
  });

  it("has the same migration names for both providers", () => {
    const sqlite = migrationNames("sqlite");
    expect(sqlite.length).toBeGreaterThan(0);
    expect(sqlite[0]).toMatch(/^\d{14}_init$/);
    expect(migrationNames("postgresql")).toEqual(sqlite);
  });

  it("has a lock file naming each provider", () => {
    for (const provider of providers) {
      expect(read(`prisma/${provider}/migrations/migration_lock.toml`)).toContain(`provider = "${provider}"`);
    }
  });
});
