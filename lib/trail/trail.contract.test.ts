import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { http } from "@/test/support/http";
import { runOutside } from "@/test/support/outside-sql";
import { runScript } from "@/test/support/run-script";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// The tamper-evident trail through the built server: a chain made by ordinary API writes and outside SQL writes
// (the triggers' rows) is sealed by the server and passes `audit:verify`; the inspector's exports hold its rows;
// after a direct edit `audit:verify` fails naming the row, /api/health reports the break, and the security audit
// log records it once.

const HASH = /^[0-9a-f]{64}$/;

/** Polls until `check` holds (the server seals every 5 s and verifies every second here). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Parses the CSV the export writes (no quoted newlines in this test's data). */
function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  const columns = header!.split(",");
  return lines.map((line) => {
    const cells = line
      .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
      .map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replaceAll('""', '"'));
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: the tamper-evident trail`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let writer: string;
    let reader: string;
    let admin: string;
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const unsealed = async () =>
      (
        await runOutside(database.url, [
          [
            "SELECT (SELECT count(*) FROM process_changes WHERE hash IS NULL) + (SELECT count(*) FROM audit_events WHERE hash IS NULL) AS n",
            [],
          ],
        ])
      )[0]![0]!.n;
    const verify = () => runScript("scripts/cli.ts", ["audit:verify"], { DATABASE_URL: database.url });

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 5);
      writer = await createTestToken(database.url, "Advanced user", { name: "MES" });
      reader = await createTestToken(database.url, "User", { name: "Inspector" });
      admin = await createTestToken(database.url, "Super user", { name: "Admin" });
      server = await startServer({
        env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", TRAIL_VERIFY_INTERVAL_SECONDS: "1" },
      });
      // Ordinary API writes: one, then a bulk; outside SQL: an UPDATE, an INSERT and a DELETE.
      expect(
        (
          await http(server.baseUrl, "PUT", "/api/v1/processes/1", {
            headers: as(writer),
            json: { name: "Cutting", comment: "saw" },
          })
        ).status,
      ).toBe(200);
      const bulk = {
        processes: [
          { id: 2, name: "Welding", comment: "" },
          { id: 3, name: "Packing", comment: "<b>boxes</b>" },
        ],
      };
      expect((await http(server.baseUrl, "PUT", "/api/v1/processes", { headers: as(writer), json: bulk })).status).toBe(
        200,
      );
      await runOutside(database.url, [
        ["UPDATE processes SET name = $1 WHERE id = $2", ["<script>alert(1)</script>", 4]],
        [
          'INSERT INTO processes (name, comment, "updatedAt") VALUES ($1, $2, $3)',
          ["From SCADA", "", new Date().toISOString()],
        ],
        ["DELETE FROM processes WHERE id = $1", [5]],
      ]);
      await eventually(unsealed, (n) => Number(n) === 0, "every row sealed");
    }, 240_000);

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("audit:verify passes on the chain of API and outside writes", { timeout: 120_000 }, async () => {
      const result = await verify();
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/process_changes: 11 sealed row\(s\) intact/); // 5 created, 3 by the API, 3 outside
      expect(result.stdout).toMatch(/audit_events: [3-9] sealed row\(s\) intact/); // the three tokens, at least
      expect(result.stdout).toContain("The trail is intact.");
      const health = await eventually(
        () => http(server.baseUrl, "GET", "/api/health"),
        (r) => r.body.trail.status === "intact",
        "health intact",
      );
      expect(health.body).toMatchObject({ status: "ok", trail: { status: "intact", break: null } });
    });

    it("exports one process's trail as CSV, oldest first, with each row's hash", async () => {
      const res = await http(server.baseUrl, "GET", "/api/v1/history.csv?processId=1", { headers: as(reader) });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=UTF-8");
      expect(res.headers.get("content-disposition")).toMatch(
        /^attachment; filename="history-process-1-\d{4}-\d\d-\d\d\.csv"$/,
      );
      const rows = csvRows(res.text);
      expect(
        rows.map(({ processId, kind, version, name, comment, previousName, actorType, actorName }) => ({
          processId,
          kind,
          version,
          name,
          comment,
          previousName,
          actorType,
          actorName,
        })),
      ).toEqual([
        {
          processId: "1",
          kind: "created",
          version: "1",
          name: "Process 1",
          comment: "comment text for Process 1",
          previousName: "",
          actorType: "system",
          actorName: "system",
        },
        {
          processId: "1",
          kind: "updated",
          version: "2",
          name: "Cutting",
          comment: "saw",
          previousName: "Process 1",
          actorType: "token",
          actorName: "MES",
        },
      ]);
      for (const row of rows) expect(row.hash).toMatch(HASH);
    });

    it("exports a period: every process, outside writers included; an empty period has the header alone", async () => {
      const all = csvRows(
        (await http(server.baseUrl, "GET", "/api/v1/history.csv?from=2000-01-01T00:00:00Z", { headers: as(reader) }))
          .text,
      );
      expect(all).toHaveLength(11);
      expect(all.map((r) => Number(r.id))).toEqual([...all.map((r) => Number(r.id))].sort((a, b) => a - b));
      // Consecutive rows link: each one's prevHash is the hash of the row before it.
      for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
      expect(
        all
          .filter((r) => r.actorType === "unknown")
          .map((r) => r.kind)
          .sort(),
      ).toEqual(["created", "deleted", "updated"]);
      const none = await http(server.baseUrl, "GET", "/api/v1/history.csv?to=2000-01-01T00:00:00Z", {
        headers: as(reader),
      });
      expect(csvRows(none.text)).toEqual([]);
      expect(none.text.startsWith("id,processId,kind,")).toBe(true);
    });

    it("the printable report holds the rows, escaped, in ru and en", async () => {
      const ru = await http(server.baseUrl, "GET", "/api/v1/history.html?lang=ru", { headers: as(reader) });
      expect(ru.status).toBe(200);
      expect(ru.headers.get("content-type")).toBe("text/html; charset=UTF-8");
      expect(ru.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(ru.text).toContain('<html lang="ru">');
      expect(ru.text).toContain("<h1>Журнал изменений процессов</h1>");
      expect(ru.text).toContain("@media print");
      expect(ru.text.match(/<tr><td>/g)).toHaveLength(11);
      expect(ru.text).toContain("<td>Cutting</td>");
      expect(ru.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(ru.text).not.toContain("<script>");
      expect(ru.text).toContain("&lt;b&gt;boxes&lt;/b&gt;");
      expect(ru.text).toContain("Изменений: 11.");
      const en = await http(server.baseUrl, "GET", "/api/v1/history.html?lang=en&processId=3", { headers: as(reader) });
      expect(en.text).toContain("<h1>Process change trail</h1>");
      expect(en.text.match(/<tr><td>/g)).toHaveLength(2);
      expect(en.text).toContain("2 change(s).");
    });

    it.each([
      ["processId=abc", "/processId"],
      ["from=yesterday", "/from"],
      ["lang=de", "/lang"],
      ["processId=1&processId=2", "/processId"],
      ["colour=red", "/colour"],
    ])("refuses ?%s with 1001 at its pointer", async (query, pointer) => {
      const path = query.startsWith("lang") ? "/api/v1/history.html" : "/api/v1/history.csv";
      const res = await http(server.baseUrl, "GET", `${path}?${query}`, { headers: as(reader) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(1001);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    });

    it("needs credentials", async () => {
      expect((await http(server.baseUrl, "GET", "/api/v1/history.csv")).status).toBe(401);
      expect((await http(server.baseUrl, "GET", "/api/v1/history.html")).status).toBe(401);
    });

    it(
      "after a direct edit: audit:verify names the row and fails, health reports it, the audit log has it once",
      { timeout: 120_000 },
      async () => {
        const [row] = (
          await runOutside(database.url, [["SELECT id FROM process_changes WHERE name = $1", ["Cutting"]]])
        )[0]!;
        const id = Number(row!.id);
        await runOutside(database.url, [["UPDATE process_changes SET name = $1 WHERE id = $2", ["Cut", id]]]);
        const result = await verify();
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`BROKEN: process_changes row id ${id}: does not match its hash`);
        const health = await eventually(
          () => http(server.baseUrl, "GET", "/api/health"),
          (r) => r.body.trail.status === "broken",
          "health broken",
        );
        expect(health.status).toBe(200);
        expect(health.body.trail.break).toEqual({
          chain: "process_changes",
          id,
          problem: "does not match its hash: its content or its hash was changed",
        });
        // Several verifications later, still one event for the break.
        const checkedAt = health.body.trail.checkedAt;
        await eventually(
          () => http(server.baseUrl, "GET", "/api/health"),
          (r) => r.body.trail.checkedAt > checkedAt,
          "another check",
        );
        await eventually(
          () => http(server.baseUrl, "GET", "/api/health"),
          (r) => r.body.trail.checkedAt > checkedAt,
          "another check",
        );
        const events = (await http(server.baseUrl, "GET", "/api/v1/audit?action=trail.broken", { headers: as(admin) }))
          .body.events;
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ actor: { type: "system" }, detail: { chain: "process_changes", id } });
      },
    );
  });
}
