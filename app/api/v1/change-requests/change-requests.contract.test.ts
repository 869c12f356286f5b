// Issue 23, four-eyes approval over HTTP (docs/decisions/043-four-eyes-approval.md): a change to a protected
// process becomes a change request (202, Location, nothing written); approvers (Super users, the approver right,
// never the requester) approve (applied in one transaction) or reject; the requester withdraws; a base that moved
// is a conflict and nothing is overwritten; a decided request never changes; a bulk of 1,000 is one request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE_USERS } from "@/test/support/accounts";
import { createRoleUsers, createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { signInOverHttp } from "@/test/support/session";
import { openEvents } from "@/test/support/sse";
import { openSqlReader, type SqlReader } from "@/test/support/sql-reader";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

type Row = { id: number; name: string; comment: string; version: number };
const OFF = { reasonMode: "off", standardReasons: [], signatures: false, protection: "none", protectedIds: [] };
const COUNT = 1_000;

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: four-eyes approval (change requests)`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let sql: SqlReader;
    let admin: ApiClient;
    let requester: ApiClient;
    let approver: ApiClient;
    let plain: ApiClient;
    let plainId: number;

    const policy = async (changes: Record<string, unknown>) => {
      const res = await admin("PUT", "/api/v1/change-control", { json: { ...OFF, ...changes } });
      expect(res.status).toBe(200);
      return res.body.policy;
    };
    const processes = async (): Promise<Row[]> => (await admin("GET", "/api/v1/processes")).body.processes;
    const count = async (table: string) =>
      Number((await sql.rows<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
    const snapshot = async () => ({
      processes: await processes(),
      history: await count("process_changes"),
    });
    const session = async (email: string, password: string) => {
      const signed = await signInOverHttp(server.baseUrl, email, password);
      expect(signed.cookie).toBeTruthy();
      return apiClient(server.baseUrl, { Cookie: signed.cookie!, Origin: server.baseUrl });
    };
    const ask = async (id: number, name: string, reason = "Deviation DV-9") => {
      const res = await requester("PUT", `/api/v1/processes/${id}`, { json: { name, comment: "", reason } });
      expect(res.status).toBe(202);
      return res.body.changeRequest as { id: number; state: string };
    };
    const decide = (client: ApiClient, id: number, verb: string, json: unknown = {}) =>
      client("POST", `/api/v1/change-requests/${id}/${verb}`, { json });

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, COUNT);
      await createRoleUsers(database.url);
      const adminSecret = await createTestToken(database.url, "Super user", { name: "approval admin" });
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      sql = await openSqlReader(database.url);
      admin = apiClient(server.baseUrl, { Authorization: `Bearer ${adminSecret}` });
      requester = await session(ROLE_USERS["Advanced user"].email, ROLE_USERS["Advanced user"].password);
      approver = await session(ROLE_USERS["Super user"].email, ROLE_USERS["Super user"].password);
      plain = await session(ROLE_USERS.User.email, ROLE_USERS.User.password);
      const users = (await admin("GET", "/api/v1/users")).body.users as { id: number; email: string }[];
      plainId = users.find((u) => u.email === ROLE_USERS.User.email)!.id;
    }, 240_000);

    afterAll(async () => {
      await sql?.close();
      await server?.stop();
      await database?.drop();
    });

    it("off by default: the policy names no approval and protected writes are written", async () => {
      const res = await admin("GET", "/api/v1/change-control");
      expect(Object.keys(res.body.policy)).not.toContain("approval");
      await policy({ protection: "listed", protectedIds: [1, 2, 3] });
      const written = await requester("PUT", "/api/v1/processes/1", { json: { name: "Direct", comment: "" } });
      expect(written.status).toBe(200);
      expect(written.body.name).toBe("Direct");
      expect((await admin("GET", "/api/v1/change-requests")).body.changeRequests).toEqual([]);
    });

    it("on: a change to a protected process is a request (202, Location), nothing written; others are written", async () => {
      const saved = await policy({ protection: "listed", protectedIds: [1, 2, 3], approval: true });
      expect(saved.approval).toBe(true);
      const before = await snapshot();
      const base = before.processes.find((p) => p.id === 1)!;
      const res = await requester("PUT", "/api/v1/processes/1", {
        json: { name: "Held", comment: "new", reason: "Deviation DV-1" },
      });
      expect(res.status).toBe(202);
      const request = res.body.changeRequest;
      expect(res.headers.get("location")).toBe(`/api/v1/change-requests/${request.id}`);
      expect(request).toMatchObject({
        state: "pending",
        itemCount: 1,
        processIds: [1],
        reason: "Deviation DV-1",
        requester: { type: "user", name: ROLE_USERS["Advanced user"].email },
        decider: null,
      });
      expect(request.items).toEqual([
        {
          id: 1,
          name: "Held",
          comment: "new",
          baseVersion: base.version,
          before: { name: base.name, comment: base.comment },
          reason: "Deviation DV-1",
        },
      ]);
      expect(await snapshot()).toEqual(before);
      // Equal values on a protected process change nothing, so they need nobody's approval.
      const two = before.processes.find((p) => p.id === 2)!;
      const same = await requester("PUT", "/api/v1/processes/2", { json: { name: two.name, comment: two.comment } });
      expect(same.status).toBe(200);
      const free = await requester("PUT", "/api/v1/processes/10", { json: { name: "Unprotected", comment: "" } });
      expect(free.status).toBe(200);
      const read = await requester("GET", `/api/v1/change-requests/${request.id}`);
      expect(read.body.changeRequest).toEqual(request);
      const pending = (await admin("GET", "/api/v1/change-requests?state=pending")).body.changeRequests;
      expect(pending.map((r: { id: number }) => r.id)).toEqual([request.id]);
      expect(pending[0].items).toBeUndefined();
      const audit = (await admin("GET", "/api/v1/audit?action=change-request.created")).body.events;
      expect(audit[0].detail).toMatchObject({ changeRequest: request.id, items: 1 });
    });

    it("self-approval and approval without the right are 3001; an approver applies it", async () => {
      const [request] = (await admin("GET", "/api/v1/change-requests?state=pending")).body.changeRequests;
      const before = await snapshot();
      const own = await decide(requester, request.id, "approve");
      expect(own.status).toBe(403);
      expect(own.body.code).toBe(3001);
      const norights = await decide(plain, request.id, "approve");
      expect(norights.body.code).toBe(3001);
      expect(await snapshot()).toEqual(before);
      expect((await requester("GET", `/api/v1/change-requests/${request.id}`)).body.changeRequest.state).toBe(
        "pending",
      );
      const approved = await decide(approver, request.id, "approve");
      expect(approved.status).toBe(200);
      expect(approved.body.changeRequest).toMatchObject({
        state: "approved",
        decider: { type: "user", name: ROLE_USERS["Super user"].email },
      });
      const one = (await admin("GET", "/api/v1/processes/1")).body;
      expect(one).toMatchObject({ name: "Held", comment: "new", version: before.processes[0]!.version + 1 });
      const change = (await admin("GET", "/api/v1/processes/1/history?limit=1")).body.changes[0];
      expect(change).toMatchObject({ name: "Held", reason: "Deviation DV-1" });
      expect(change.changedBy).toMatchObject({ type: "user", name: ROLE_USERS["Advanced user"].email });
    });

    it("a decided request cannot be approved, rejected or withdrawn again (1008), nothing changes", async () => {
      const [request] = (await admin("GET", "/api/v1/change-requests?state=approved")).body.changeRequests;
      const before = await snapshot();
      for (const [client, verb, json] of [
        [approver, "approve", {}],
        [approver, "reject", { reason: "Too late" }],
        [requester, "withdraw", {}],
      ] as const) {
        const res = await decide(client, request.id, verb, json);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe(1008);
      }
      expect(await snapshot()).toEqual(before);
      const read = (await admin("GET", `/api/v1/change-requests/${request.id}`)).body.changeRequest;
      expect(read).toMatchObject({ state: "approved", decisionReason: null });
      expect((await admin("GET", "/api/v1/change-requests/999999")).body.code).toBe(1005);
    });

    it("reject needs a reason; the approver right, given by a Super user and audited, lets a User decide", async () => {
      const request = await ask(2, "To reject");
      const before = await snapshot();
      const noReason = await decide(approver, request.id, "reject");
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].pointer).toBe("/reason");
      const given = await admin("PATCH", `/api/v1/users/${plainId}`, { json: { approver: true } });
      expect(given.status).toBe(200);
      expect(given.body.user.approver).toBe(true);
      const audit = (await admin("GET", "/api/v1/audit?action=approver.changed")).body.events;
      expect(audit[0]).toMatchObject({ detail: { from: false, to: true } });
      const rejected = await decide(plain, request.id, "reject", { reason: "Recipe not validated" });
      expect(rejected.status).toBe(200);
      expect(rejected.body.changeRequest).toMatchObject({ state: "rejected", decisionReason: "Recipe not validated" });
      expect(await snapshot()).toEqual(before);
    });

    it("only the requester withdraws; nothing is written", async () => {
      const request = await ask(3, "To withdraw");
      const before = await snapshot();
      const other = await decide(approver, request.id, "withdraw");
      expect(other.status).toBe(403);
      expect(other.body.code).toBe(3001);
      const withdrawn = await decide(requester, request.id, "withdraw");
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.changeRequest.state).toBe("withdrawn");
      expect(await snapshot()).toEqual(before);
    });

    it("approval after the base moved is 1007 and overwrites nothing; the request stays pending", async () => {
      const first = await ask(3, "First");
      const second = await ask(3, "Second");
      expect((await decide(approver, first.id, "approve")).status).toBe(200);
      const before = await snapshot();
      const conflict = await decide(approver, second.id, "approve");
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe(1007);
      expect(conflict.body.errors).toEqual([
        { pointer: "/items/0/baseVersion", detail: expect.stringContaining("process 3 is at version") },
      ]);
      expect(conflict.body.current[0]).toMatchObject({ id: 3, name: "First" });
      expect(await snapshot()).toEqual(before);
      expect((await admin("GET", `/api/v1/change-requests/${second.id}`)).body.changeRequest.state).toBe("pending");
      expect((await decide(requester, second.id, "withdraw")).status).toBe(200);
    });

    it("a token decides only for a known person: one made by the requester's own token is the requester (3001); a CLI token is nobody known (3001)", async () => {
      await policy({ protection: "listed", protectedIds: [5], approval: true });
      // The Super user asks, then tries to approve through a token made by a token they made.
      const own = await approver("PUT", "/api/v1/processes/5", { json: { name: "Own", comment: "" } });
      expect(own.status).toBe(202);
      const made = await approver("POST", "/api/v1/tokens", { json: { name: "first", role: "Super user" } });
      const first = apiClient(server.baseUrl, { Authorization: `Bearer ${made.body.secret}` });
      const second = await first("POST", "/api/v1/tokens", { json: { name: "second", role: "Super user" } });
      expect(second.status).toBe(201);
      const viaToken = apiClient(server.baseUrl, { Authorization: `Bearer ${second.body.secret}` });
      const before = await snapshot();
      for (const client of [viaToken, admin]) {
        const res = await decide(client, own.body.changeRequest.id, "approve");
        expect(res.status).toBe(403);
        expect(res.body.code).toBe(3001);
      }
      expect(await snapshot()).toEqual(before);
      expect((await decide(approver, own.body.changeRequest.id, "withdraw")).status).toBe(200);
    });

    it("two approvals at once: one applies it, the other is told it is decided (1008), written once", async () => {
      // `plain` (a User) was given the approver right above.
      await policy({ protection: "listed", protectedIds: [6], approval: true });
      const request = await ask(6, "Raced");
      const before = await snapshot();
      const answers = await Promise.all([
        decide(approver, request.id, "approve"),
        decide(plain, request.id, "approve"),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.code).toBe(1008);
      expect(await count("process_changes")).toBe(before.history + 1);
    });

    it("saving the same policy again records nothing; an unknown list filter is 1001", async () => {
      await policy({ protection: "listed", protectedIds: [6] });
      // A change with approval off on both sides: its event reads as before four-eyes (no approval values).
      const saved = await policy({ protection: "listed", protectedIds: [6, 7] });
      const events = async () => (await admin("GET", "/api/v1/audit?action=change-control.changed")).body.events;
      const before = await events();
      expect(before[0].detail).toMatchObject({ fromProtectedIds: "6", toProtectedIds: "6,7" });
      expect(Object.keys(before[0].detail)).not.toContain("toApproval");
      const again = await policy({ protection: "listed", protectedIds: [6, 7], approval: false });
      expect(again.updatedAt).toBe(saved.updatedAt);
      expect(await events()).toEqual(before);
      const unknown = await admin("GET", "/api/v1/change-requests?status=pending");
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe(1001);
    });

    it(`a bulk of ${COUNT} onto protected rows is one request and no write; approval commits all of them`, async () => {
      await policy({ protection: "all", approval: true });
      const before = await snapshot();
      const requests = await count("change_requests");
      const items = before.processes.map((p) => ({ id: p.id, name: `Bulk ${p.id}`, comment: p.comment }));
      const res = await requester("PUT", "/api/v1/processes", { json: { processes: items, reason: "Recipe v2" } });
      expect(res.status).toBe(202);
      expect(res.body.changeRequest).toMatchObject({ state: "pending", itemCount: COUNT });
      expect(await count("change_requests")).toBe(requests + 1);
      expect(await snapshot()).toEqual(before);
      const approved = await decide(approver, res.body.changeRequest.id, "approve");
      expect(approved.status).toBe(200);
      const requestId = approved.headers.get("x-request-id")!;
      const after = await processes();
      expect(after.map((p) => p.name)).toEqual(before.processes.map((p) => `Bulk ${p.id}`));
      expect(after.map((p) => p.version)).toEqual(before.processes.map((p) => p.version + 1));
      const rows = await sql.rows<{ n: number }>(
        `SELECT count(*) AS n FROM process_changes WHERE "requestId" = '${requestId.replaceAll("'", "")}'`,
      );
      expect(Number(rows[0]!.n)).toBe(COUNT);
      expect(await count("process_changes")).toBe(before.history + COUNT);
    });

    it("pages' event streams get a change-requests event when a request is made and decided", async () => {
      await policy({ protection: "listed", protectedIds: [4], approval: true });
      const signed = await signInOverHttp(
        server.baseUrl,
        ROLE_USERS["Super user"].email,
        ROLE_USERS["Super user"].password,
      );
      const stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, { Cookie: signed.cookie! });
      try {
        const request = await ask(4, "Streamed");
        const made = await stream.next((e) => e.event === "change-requests" && e.data.newestId === request.id, 10_000);
        expect(made.id).toBeNull();
        expect(made.data.pending).toBeGreaterThanOrEqual(1);
        const pendingBefore = made.data.pending as number;
        expect((await decide(requester, request.id, "withdraw")).status).toBe(200);
        const decided = await stream.next(
          (e) => e.event === "change-requests" && e.data.pending === pendingBefore - 1,
          10_000,
        );
        expect(decided.data.lastDecidedAt).not.toBeNull();
      } finally {
        stream.close();
      }
    });

    it("under signatures the requester signs the request and the approver the approval (its history rows)", async () => {
      await policy({ signatures: true, protection: "listed", protectedIds: [5], approval: true });
      const unsigned = await requester("PUT", "/api/v1/processes/5", { json: { name: "Signed", comment: "" } });
      expect(unsigned.status).toBe(400);
      expect(unsigned.body.errors[0].pointer).toBe("/signature");
      const password = ROLE_USERS["Advanced user"].password;
      const held = await requester("PUT", "/api/v1/processes/5", {
        json: { name: "Signed", comment: "", signature: { password, meaning: "authored", timeZone: "Europe/Berlin" } },
      });
      expect(held.status).toBe(202);
      const id = held.body.changeRequest.id;
      expect(held.body.changeRequest.requesterSignature).toMatchObject({
        signer: { type: "user", name: ROLE_USERS["Advanced user"].email },
        meaning: "authored",
        timeZone: "Europe/Berlin",
      });
      const before = await snapshot();
      const bare = await decide(approver, id, "approve");
      expect(bare.status).toBe(400);
      expect(bare.body.errors).toEqual([{ pointer: "/signature", detail: expect.any(String) }]);
      const byToken = await decide(admin, id, "approve");
      expect(byToken.status).toBe(403);
      expect(byToken.body.code).toBe(3001);
      expect(await snapshot()).toEqual(before);
      const signature = { password: ROLE_USERS["Super user"].password, meaning: "approved", timeZone: "UTC" };
      const approved = await decide(approver, id, "approve", { signature });
      expect(approved.status).toBe(200);
      expect(approved.body.changeRequest.deciderSignature).toMatchObject({
        signer: { type: "user", name: ROLE_USERS["Super user"].email },
        meaning: "approved",
      });
      const change = (await admin("GET", "/api/v1/processes/5/history?limit=1")).body.changes[0];
      expect(change).toMatchObject({ name: "Signed", changedBy: { name: ROLE_USERS["Advanced user"].email } });
      expect(change.signature).toMatchObject({
        signer: { type: "user", name: ROLE_USERS["Super user"].email },
        meaning: "approved",
      });
      await policy({ protection: "none" });
    });
  });
}
