// Issue 23, change control over HTTP: the policy (Super users, audited), reasons for change (body, per bulk item,
// Change-Reason header; required and missing → 1001 with pointers, nothing written), electronic signatures (the
// manifestation kept and shown; a wrong password refused and counted as a failed sign-in; a token refused on a
// protected process unless it is a machine writer). docs/decisions/032-change-control.md.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "@/test/support/accounts";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { setupSessionCookie, signInOverHttp } from "@/test/support/session";
import { openEvents, type SseStream } from "@/test/support/sse";
import { openSqlReader, type SqlReader } from "@/test/support/sql-reader";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

type Row = { id: number; name: string; comment: string; version: number };

type Policy = {
  reasonMode: string;
  standardReasons: string[];
  signatures: boolean;
  protection: string;
  protectedIds: number[];
};
const OFF: Policy = { reasonMode: "off", standardReasons: [], signatures: false, protection: "none", protectedIds: [] };

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: change control (reasons, signatures)`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let sql: SqlReader;
    let admin: ApiClient;
    let writer: ApiClient;
    let writerSecret: string;
    let machine: ApiClient;
    let person: ApiClient;
    let adminId: number;
    let stream: SseStream | undefined;

    const policy = async (changes: Partial<Policy>) => {
      const res = await admin("PUT", "/api/v1/change-control", { json: { ...OFF, ...changes } });
      expect(res.status).toBe(200);
      return res.body.policy;
    };
    const processes = async (): Promise<Row[]> => (await admin("GET", "/api/v1/processes")).body.processes;
    const historyCount = async () =>
      Number((await sql.rows<{ n: number }>("SELECT count(*) AS n FROM process_changes"))[0]!.n);
    const newest = async (id: number) =>
      (await admin("GET", `/api/v1/processes/${id}/history?limit=1`)).body.changes[0];
    /** What a refused write must leave: every process and the history as they were. */
    const snapshot = async () => ({ processes: await processes(), history: await historyCount() });

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 6);
      const adminSecret = await createTestToken(database.url, "Super user", { name: "cc admin" });
      server = await startServer({
        env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", RATE_LIMIT_SIGNIN_POINTS: "3" },
      });
      sql = await openSqlReader(database.url);
      admin = apiClient(server.baseUrl, { Authorization: `Bearer ${adminSecret}` });
      const token = async (name: string, machineWriter: boolean) => {
        const res = await admin("POST", "/api/v1/tokens", { json: { name, role: "Advanced user", machineWriter } });
        expect(res.status).toBe(201);
        expect(res.body.token.machineWriter).toBe(machineWriter);
        return res.body.secret as string;
      };
      writerSecret = await token("MES gateway", false);
      writer = apiClient(server.baseUrl, { Authorization: `Bearer ${writerSecret}` });
      machine = apiClient(server.baseUrl, { Authorization: `Bearer ${await token("Batch recipe sync", true)}` });
      const users = (await admin("GET", "/api/v1/users")).body.users as { id: number; email: string }[];
      adminId = users.find((u) => u.email === TEST_ADMIN.email)!.id;
      expect((await admin("PATCH", `/api/v1/users/${adminId}`, { json: { name: "Anna Schmidt" } })).status).toBe(200);
      const cookie = await setupSessionCookie(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
      person = apiClient(server.baseUrl, { Cookie: cookie, Origin: server.baseUrl });
    }, 180_000);

    afterAll(async () => {
      stream?.close();
      await sql?.close();
      await server?.stop();
      await database?.drop();
    });

    it("off by default: the policy comes from the environment, and answers carry no reason or signature", async () => {
      const res = await writer("GET", "/api/v1/change-control");
      expect(res.status).toBe(200);
      expect(res.body.policy).toEqual({ ...OFF, updatedAt: null });
      const written = await writer("PUT", "/api/v1/processes/6", { json: { name: "Plain", comment: "" } });
      expect(written.status).toBe(200);
      const change = await newest(6);
      expect(change.name).toBe("Plain");
      expect(Object.keys(change)).not.toContain("reason");
      expect(Object.keys(change)).not.toContain("signature");
      // A reason given while the policy is off is kept all the same.
      await writer("PUT", "/api/v1/processes/6", { json: { name: "Plain 2", comment: "", reason: "Typo" } });
      expect((await newest(6)).reason).toBe("Typo");
    });

    it("only Super users set the policy; each change is in the audit log, the same values again are not", async () => {
      const refused = await writer("PUT", "/api/v1/change-control", { json: { ...OFF, reasonMode: "required" } });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe(3001);
      const bad = await admin("PUT", "/api/v1/change-control", { json: { ...OFF, reasonMode: "sometimes" } });
      expect(bad.body.errors).toEqual([{ pointer: "/reasonMode", detail: "must be off, optional or required" }]);
      const saved = await policy({ reasonMode: "optional", standardReasons: ["Deviation DV-1", "Recipe fix"] });
      expect(saved).toMatchObject({ reasonMode: "optional", standardReasons: ["Deviation DV-1", "Recipe fix"] });
      expect(Date.parse(saved.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
      await policy({ reasonMode: "optional", standardReasons: ["Deviation DV-1", "Recipe fix"] });
      const events = (await admin("GET", "/api/v1/audit?action=change-control.changed")).body.events;
      expect(events).toHaveLength(1);
      expect(events[0].actor).toMatchObject({ type: "token", name: "cc admin" });
      expect(events[0].detail).toMatchObject({
        fromReasonMode: "off",
        toReasonMode: "optional",
        toStandardReasons: "Deviation DV-1; Recipe fix",
      });
    });

    it("a required reason that is missing is 1001 at /reason and changes nothing; the header gives one", async () => {
      await policy({ reasonMode: "required" });
      const before = await snapshot();
      const refused = await writer("PUT", "/api/v1/processes/1", { json: { name: "No reason", comment: "" } });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(1001);
      expect(refused.body.errors).toEqual([
        { pointer: "/reason", detail: "is required: give the reason for this change" },
      ]);
      expect(await snapshot()).toEqual(before);
      // Percent-encoded UTF-8 in the header, decoded as it was meant.
      const reason = "Отклонение DV-7 (линия 2)";
      const ok = await writer("PUT", "/api/v1/processes/1", {
        json: { name: "With reason", comment: "" },
        headers: { "Change-Reason": encodeURIComponent(reason) },
      });
      expect(ok.status).toBe(200);
      expect((await newest(1)).reason).toBe(reason);
      const malformed = await writer("PUT", "/api/v1/processes/1", {
        json: { name: "Malformed", comment: "" },
        headers: { "Change-Reason": "%E0%A4%A" },
      });
      expect(malformed.body.code).toBe(1001);
      expect(malformed.body.detail).toContain("Change-Reason");
      const control = await writer("PUT", "/api/v1/processes/1", {
        json: { name: "Control", comment: "", reason: "line\nbreak" },
      });
      expect(control.body.errors).toEqual([{ pointer: "/reason", detail: "must not contain control characters" }]);
      expect((await processes()).find((p) => p.id === 1)!.name).toBe("With reason");
    });

    it("in a bulk PUT the reason is per item or for the request; each missing one has its pointer", async () => {
      await policy({ reasonMode: "required" });
      const before = await snapshot();
      const items = [
        { id: 2, name: "Bulk 2", comment: "", reason: "Own reason" },
        { id: 3, name: "Bulk 3", comment: "" },
        { id: 4, name: "Bulk 4", comment: "" },
      ];
      const refused = await writer("PUT", "/api/v1/processes", { json: { processes: items } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
        "/processes/1/reason",
        "/processes/2/reason",
      ]);
      expect(await snapshot()).toEqual(before);
      stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, {
        Authorization: `Bearer ${writerSecret}`,
      });
      const ok = await writer("PUT", "/api/v1/processes", { json: { processes: items, reason: "Shift handover" } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("X-Changed-Count")).toBe("3");
      expect((await newest(2)).reason).toBe("Own reason");
      expect((await newest(3)).reason).toBe("Shift handover");
      expect((await newest(4)).reason).toBe("Shift handover");
      const event = await stream.next((e) => e.event === "process" && e.data.id === 2);
      expect(event.data.reason).toBe("Own reason");
      expect(event.data.name).toBe("Bulk 2");
    });

    it("signatures: the manifestation is stored and shown; missing or a bad time zone is 1001, nothing changes", async () => {
      await policy({ signatures: true, protection: "listed", protectedIds: [1, 2] });
      const before = await snapshot();
      const unsigned = await person("PUT", "/api/v1/processes/5", { json: { name: "Unsigned", comment: "" } });
      expect(unsigned.body.code).toBe(1001);
      expect(unsigned.body.errors[0].pointer).toBe("/signature");
      const zone = await person("PUT", "/api/v1/processes/5", {
        json: {
          name: "Bad zone",
          comment: "",
          signature: { password: TEST_ADMIN.password, meaning: "authored", timeZone: "Mars/Olympus" },
        },
      });
      expect(zone.body.errors).toEqual([
        { pointer: "/signature/timeZone", detail: "must be a time zone such as Europe/Berlin or UTC" },
      ]);
      expect(await snapshot()).toEqual(before);
      const started = Date.now();
      const signed = await person("PUT", "/api/v1/processes/5", {
        json: {
          name: "Signed",
          comment: "",
          reason: "Recipe fix",
          signature: { password: TEST_ADMIN.password, meaning: "authored", timeZone: "Europe/Berlin" },
        },
      });
      expect(signed.status).toBe(200);
      const change = await newest(5);
      expect(change.reason).toBe("Recipe fix");
      expect(change.signature).toMatchObject({
        signer: { type: "user", id: adminId, name: "Anna Schmidt" },
        timeZone: "Europe/Berlin",
        meaning: "authored",
      });
      expect(Date.parse(change.signature.signedAt)).toBeGreaterThanOrEqual(started - 1_000);
      expect(Date.parse(change.signature.signedAt)).toBeLessThanOrEqual(Date.now() + 1_000);
      // The password is never stored anywhere in the history row.
      const raw = await sql.rows<Record<string, unknown>>('SELECT * FROM process_changes WHERE "processId" = 5');
      expect(JSON.stringify(raw)).not.toContain(TEST_ADMIN.password);
    });

    it("a token is refused on a protected process (3001) unless it is a machine writer, recorded as signer", async () => {
      await policy({ signatures: true, protection: "listed", protectedIds: [1, 2] });
      const before = await snapshot();
      const refused = await writer("PUT", "/api/v1/processes/1", { json: { name: "Token", comment: "" } });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe(3001);
      expect(refused.body.detail).toContain("machine writer");
      const bulk = await writer("PUT", "/api/v1/processes", {
        json: {
          processes: [
            { id: 3, name: "Free", comment: "" },
            { id: 2, name: "Guarded", comment: "" },
          ],
        },
      });
      expect(bulk.body.code).toBe(3001);
      expect(await snapshot()).toEqual(before);
      // An unprotected process: a plain token writes as before, unsigned.
      expect((await writer("PUT", "/api/v1/processes/3", { json: { name: "Free", comment: "" } })).status).toBe(200);
      expect((await newest(3)).signature).toBeUndefined();
      const byMachine = await machine("PUT", "/api/v1/processes/1", { json: { name: "By machine", comment: "" } });
      expect(byMachine.status).toBe(200);
      expect((await newest(1)).signature).toMatchObject({
        signer: { type: "token", name: "Batch recipe sync" },
        timeZone: "UTC",
        meaning: "authored",
      });
    });

    it("a wrong password is refused, changes nothing, is audited and counts as a failed sign-in", async () => {
      await policy({ signatures: true });
      const before = await snapshot();
      const attempt = (password: string) =>
        person("PUT", "/api/v1/processes/4", {
          json: { name: "Wrong", comment: "", signature: { password, meaning: "approved" } },
        });
      // RATE_LIMIT_SIGNIN_POINTS=3 free failures for this address and email, then a wait.
      for (let i = 0; i < 3; i++) {
        const res = await attempt(`not-the-password-${i}`);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ pointer: "/signature/password", detail: "is not your password" }]);
      }
      const limited = await attempt(TEST_ADMIN.password);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe(6001);
      expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(await snapshot()).toEqual(before);
      const refusals = (await admin("GET", "/api/v1/audit?action=signature.refused")).body.events;
      expect(refusals).toHaveLength(3);
      expect(refusals[0].target).toMatchObject({ type: "user", name: TEST_ADMIN.email });
      // The same count as the sign-in form's: signing in for that email from here now waits too.
      const signIn = await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
      expect(signIn.cookie).toBeNull();
    });
  });
}
