import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/url";
import { runScript } from "@/test/support/run-script";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";

// The CLI and the seed script against a real SQLite file: a contract suite (each case starts processes), so npm
// run check stays fast. Cases run the compiled files `npm run build` makes from scripts/cli.ts and
// scripts/db-seed.ts, as every suite does (test/support/run-script.ts); the source through tsx, as `npm run cli`
// runs it, is below.
// Each case starts several short processes: generous timeouts for a loaded machine.
describe("npm run cli and npm run db:seed", { timeout: 120_000 }, () => {
  let database: TestDatabase;
  const cli = (...args: string[]) => runScript("scripts/cli.ts", args, { DATABASE_URL: database.url });
  const seed = (args: string[], env: Record<string, string> = {}) =>
    runScript("scripts/db-seed.ts", args, { DATABASE_URL: database.url, ...env });
  const names = () => {
    const file = new Database(sqliteFilePath(database.url), { readonly: true });
    try {
      return (file.prepare("SELECT name FROM processes ORDER BY id").all() as { name: string }[]).map((r) => r.name);
    } finally {
      file.close();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => database?.drop());

  it.each([["--help"], ["help"], ["tokens:create", "--help"], ["users:set-password", "-h"]])(
    "cli %s prints usage and exits 0",
    async (...args) => {
      const result = await cli(...args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: npm run cli -- /);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    },
  );

  it.each([[[]], [["no:such-command"]], [["--bogus"]]])("cli %j exits 2 with the usage and no stack", async (args) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain("Usage: npm run cli -- <command>");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("tokens:list prints a table without an index column", async () => {
    expect((await cli("tokens:create", "--name", "MES line 1", "--role", "User")).code).toBe(0);
    const result = await cli("tokens:list");
    const [header, rule, row] = result.stdout.trim().split("\n");
    expect(header).toMatch(/^id\s+name\s+role\s+status\s+created\s+expires\s+last used$/);
    expect(rule).toMatch(/^-+(\s+-+)+$/);
    expect(row).toMatch(/^1\s+MES line 1\s+User\s+active\s/);
    expect(result.stdout).not.toContain("(index)");
  });

  it("users:set-password changes the password; an unknown email exits 1 and changes nothing", async () => {
    expect(
      (await cli("users:create", "--email", "op@plant.example", "--password", "first-password-1", "--role", "User"))
        .code,
    ).toBe(0);
    const hash = () => {
      const file = new Database(sqliteFilePath(database.url), { readonly: true });
      try {
        return (
          file.prepare("SELECT passwordHash FROM users WHERE email = ?").get("op@plant.example") as {
            passwordHash: string;
          }
        ).passwordHash;
      } finally {
        file.close();
      }
    };
    const before = hash();
    const unknown = await cli(
      "users:set-password",
      "--email",
      "nobody@plant.example",
      "--password",
      "second-password-2",
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No user has the email nobody@plant.example");
    const short = await cli("users:set-password", "--email", "op@plant.example", "--password", "short");
    expect(short.code).toBe(2);
    expect(hash()).toBe(before);
    const ok = await cli("users:set-password", "--email", "op@plant.example", "--password", "second-password-2");
    expect(ok.code, ok.stderr).toBe(0);
    expect(hash()).not.toBe(before);
  });

  it(
    "users:set-role keeps the user's sessions, users:sign-out and users:delete end them; bad input exits 2 and an unknown email 1, changing nothing",
    { timeout: 300_000 },
    async () => {
      const email = "roles@plant.example";
      expect(
        (await cli("users:create", "--email", email, "--password", "roles-password-1", "--role", "User")).code,
      ).toBe(0);
      const query = <T>(sql: string, ...args: unknown[]) => {
        const file = new Database(sqliteFilePath(database.url));
        try {
          const statement = file.prepare(sql);
          return (statement.reader ? statement.all(...args) : (statement.run(...args), [])) as T[];
        } finally {
          file.close();
        }
      };
      const userId = query<{ id: number }>("SELECT id FROM users WHERE email = ?", email)[0]!.id;
      const openSessions = (n: number) => {
        const end = Date.now() + 3_600_000;
        for (let i = 0; i < n; i++)
          query(
            "INSERT INTO sessions (id, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
            `s${userId}-${Date.now()}-${i}`,
            userId,
            Date.now(),
            end,
          );
      };
      const sessions = () => query<{ n: number }>("SELECT count(*) AS n FROM sessions WHERE userId = ?", userId)[0]!.n;
      const role = () => query<{ role: string }>("SELECT role FROM users WHERE id = ?", userId)[0]?.role;

      openSessions(2);
      expect((await cli("users:set-role", "--email", email, "--role", "Boss")).code).toBe(2);
      expect((await cli("users:set-role", "--email", "nobody@plant.example", "--role", "User")).code).toBe(1);
      expect([role(), sessions()]).toEqual(["User", 2]);
      const promoted = await cli("users:set-role", "--email", email, "--role", "Advanced user");
      expect(promoted.stdout).toContain("is now Advanced user; their open sessions have the new role within 5 s");
      expect([role(), sessions()]).toEqual(["Advanced user", 2]);

      openSessions(3);
      expect((await cli("users:sign-out", "not-an-email")).code).toBe(2);
      expect(sessions()).toBe(5);
      expect((await cli("users:sign-out", email)).stdout).toContain("Ended 5 session(s)");
      expect(sessions()).toBe(0);

      openSessions(1);
      expect((await cli("users:delete", "nobody@plant.example")).code).toBe(1);
      expect((await cli("users:delete", email)).stdout).toContain(`Deleted user ${userId}: ${email}`);
      expect([role(), sessions()]).toEqual([undefined, 0]);
    },
  );

  it("db:seed adds, and replaces only with --replace (and --yes in production)", async () => {
    expect((await seed([])).stdout).toContain("Created 8 demo processes");
    expect(names()).toHaveLength(8);
    expect((await seed(["--count", "3"])).code).toBe(0);
    expect(names().slice(8)).toEqual(["Process 9", "Process 10", "Process 11"]);

    const refused = await seed(["--count", "2", "--replace"], { NODE_ENV: "production" });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("needs --yes");
    expect(names()).toHaveLength(11);
    for (const bad of [["--count", "-1"], ["--count", "2x"], ["--replace"]]) {
      expect((await seed(bad)).code).toBe(2);
    }
    expect(names()).toHaveLength(11);

    const replaced = await seed(["--count", "2", "--replace", "--yes"], { NODE_ENV: "production" });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(names()).toEqual(["Process 1", "Process 2"]);
  });
});

// Issue 19: the CLI closes its database connections when done. On PostgreSQL the pool's idle connections
// kept every command alive about 10 s after it printed its answer.
describe("the CLI exits when it is done", { timeout: 120_000 }, () => {
  describe.each(PROVIDERS)("on $provider", ({ provider, options }) => {
    let database: TestDatabase;
    beforeAll(async () => {
      if (!options.skip) database = await createTestDatabase(provider);
    });
    afterAll(async () => database?.drop());

    // The command migrates the new database first; what is measured is the time after its last output.
    it.each(["tsx", "compiled"] as const)("tokens:list exits within 3 s of printing (%s)", options, async (through) => {
      const result = await runScript("scripts/cli.ts", ["tokens:list"], { DATABASE_URL: database.url }, { through });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe("No tokens\n");
      expect(result.lingeredMs).toBeLessThan(3_000);
    });
  });
});
