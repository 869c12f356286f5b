// Issue 26, webhooks: subscriptions over the API (Super user, audit log), the allow-list, and delivery of
// every change: 10,000 changes to a target that is down (500, then no answer) while they are written arrive,
// after deduplication by webhook-id, exactly once each and in order per process once it is back; one delivery
// per change for a subscription that asks so; an app killed (SIGKILL) in the middle of delivering loses nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";

type Event = { id: number; version: number; kind: string; name: string };
const PROCESSES = 2_000;
const ROUNDS = 5;
const SLOW = { timeout: 240_000 };

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const eventsOf = (bodies: string[]): Event[] =>
  bodies.flatMap((body) => {
    const parsed = JSON.parse(body) as Event | Event[];
    return Array.isArray(parsed) ? parsed : [parsed];
  });

/** Every (process, version) once, and each process's versions rising in the order received. */
function expectOncePerChangeInOrder(events: Event[], expected: number): void {
  const keys = new Set(events.map((e) => `${e.id}@${e.version}`));
  expect({ events: events.length, distinct: keys.size }).toEqual({ events: expected, distinct: expected });
  const last = new Map<number, number>();
  const outOfOrder = events.filter((e) => {
    const before = last.get(e.id) ?? 0;
    last.set(e.id, e.version);
    return e.version <= before;
  });
  expect(outOfOrder).toEqual([]);
}

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: webhooks`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let receiver: WebhookReceiver;
    let api: ApiClient;
    let auth: string;
    let round = 0;
    const env = () => ({
      DATABASE_URL: database.url,
      SEED_DEMO_DATA: "false",
      // The receiver listens on 127.0.0.2; localhost (127.0.0.1) is listed by name only, so it is refused.
      WEBHOOK_ALLOW: "127.0.0.2/32 localhost",
      WEBHOOK_TIMEOUT_MS: "1000",
      WEBHOOK_RETRY_MAX_DELAY_SECONDS: "1",
    });

    /** One bulk PUT renaming processes 1..count: one change each. */
    const bulkRename = async (count: number) => {
      round += 1;
      const processes = Array.from({ length: count }, (_, i) => ({
        id: i + 1,
        name: `P${i + 1} r${round}`,
        comment: "",
      }));
      const res = await api("PUT", "/api/v1/processes", { json: { processes } });
      expect(res.status).toBe(200);
    };
    const makeWebhook = async (json: Record<string, unknown>) => {
      const res = await api("POST", "/api/v1/webhooks", { json });
      expect(res.status).toBe(201);
      return res.body as { webhook: { id: number }; secret: string };
    };
    const counts = async (id: number) => {
      const res = await api("GET", "/api/v1/webhooks");
      return (res.body.webhooks as { id: number; deliveries: Record<string, number> }[]).find((w) => w.id === id)!
        .deliveries;
    };

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, PROCESSES);
      auth = `Bearer ${await createTestToken(database.url, "Super user", { name: "webhooks admin" })}`;
      receiver = await startWebhookReceiver();
      server = await startServer({ env: env() });
      api = apiClient(server.baseUrl, { Authorization: auth });
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
      await receiver?.close();
      await database?.drop();
    });

    it("refuses targets WEBHOOK_ALLOW does not allow, with 1001 at /url, and makes nothing", async () => {
      const cases: [string, RegExp][] = [
        ["http://10.0.0.1/hook", /10\.0\.0\.1 is not in WEBHOOK_ALLOW/],
        ["http://127.0.0.1:9/hook", /127\.0\.0\.1 is not in WEBHOOK_ALLOW/],
        ["http://[::1]:9/hook", /\[::1\] is not in WEBHOOK_ALLOW/],
        ["http://localhost:9/hook", /localhost resolves to 127\.0\.0\.1, a private or reserved address/],
        ["http://mes.plant.example/hook", /mes\.plant\.example (is not in WEBHOOK_ALLOW|does not resolve)/],
        ["ftp://127.0.0.2/hook", /must be an http or https URL/],
        ["http://user:pw@127.0.0.2/hook", /must be an http or https URL/],
      ];
      for (const [url, detail] of cases) {
        const res = await api("POST", "/api/v1/webhooks", { json: { url } });
        expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 400, code: 1001 });
        expect(res.body.errors[0].pointer).toBe("/url");
        expect(res.body.errors[0].detail).toMatch(detail);
      }
      expect((await api("GET", "/api/v1/webhooks")).body).toEqual({ webhooks: [] });
    });

    it("only a Super user manages webhooks; making and deleting one is in the audit log, never its secret", async () => {
      const advanced = apiClient(server.baseUrl, {
        Authorization: `Bearer ${await createTestToken(database.url, "Advanced user")}`,
      });
      expect((await advanced("GET", "/api/v1/webhooks")).body.code).toBe(3001);
      expect((await advanced("POST", "/api/v1/webhooks", { json: { url: receiver.url("/x") } })).body.code).toBe(3001);
      const { webhook, secret } = await makeWebhook({ url: receiver.url("/x"), kinds: ["deleted"] });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      const listed = await api("GET", "/api/v1/webhooks");
      expect(listed.text).not.toContain(secret.slice(6));
      expect((await api("DELETE", `/api/v1/webhooks/${webhook.id}`)).status).toBe(200);
      expect((await api("DELETE", `/api/v1/webhooks/${webhook.id}`)).body.code).toBe(1005);
      const audit = await api("GET", "/api/v1/audit?action=webhook.created");
      expect(audit.body.events[0]).toMatchObject({
        action: "webhook.created",
        target: { type: "webhook", id: String(webhook.id), name: receiver.url("/x") },
      });
      expect(audit.text).not.toContain(secret.slice(6));
      const deleted = await api("GET", "/api/v1/audit?action=webhook.deleted");
      expect(deleted.body.events[0].target.id).toBe(String(webhook.id));
    });

    it(
      "10,000 changes written while the target is down (500, then no answer) each arrive once, in order, signed",
      SLOW,
      async () => {
        const { webhook, secret } = await makeWebhook({ url: receiver.url("/batched"), batch: true });
        receiver.mode = "500";
        for (let i = 0; i < ROUNDS; i++) await bulkRename(PROCESSES);
        await until("three refused attempts", () => receiver.received.filter((r) => r.path === "/batched").length >= 3);
        receiver.mode = "hang";
        const refused = receiver.received.length;
        await until("an attempt that times out", () => receiver.received.length > refused);
        receiver.mode = "up";
        await until(
          "10,000 changes accepted",
          () => eventsOf(receiver.accepted("/batched").map((r) => r.body)).length >= 10_000,
        );
        await until("the deliveries marked delivered", async () => (await counts(webhook.id)).pending === 0);

        const accepted = receiver.accepted("/batched");
        expectOncePerChangeInOrder(eventsOf(accepted.map((r) => r.body)), PROCESSES * ROUNDS);
        receiver.verify("/batched", secret);
        // The head delivery was tried again and again: its attempts and last answer are listed.
        const deliveries = (await api("GET", `/api/v1/webhooks/${webhook.id}/deliveries`)).body.deliveries as {
          status: string;
          attempts: number;
          lastStatus: number;
          changes: number;
        }[];
        expect(deliveries.every((d) => d.status === "delivered" && d.lastStatus === 204)).toBe(true);
        expect(deliveries.reduce((n, d) => n + d.changes, 0)).toBe(PROCESSES * ROUNDS);
        expect(Math.max(...deliveries.map((d) => d.attempts))).toBeGreaterThanOrEqual(4);
        await api("DELETE", `/api/v1/webhooks/${webhook.id}`);
      },
    );

    it(
      "one delivery per change: a bulk PUT is a delivery for each matching process; SIGKILL mid-delivery loses nothing",
      SLOW,
      async () => {
        const ids = Array.from({ length: 300 }, (_, i) => i + 1);
        const { webhook, secret } = await makeWebhook({
          url: receiver.url("/single"),
          processIds: ids,
          kinds: ["updated"],
        });
        receiver.mode = "up";
        await bulkRename(1_000);
        await bulkRename(1_000);
        await until("some deliveries", () => receiver.accepted("/single").length >= 50);
        process.kill(server.pid, "SIGKILL");
        await until("the server gone", () => {
          try {
            process.kill(server.pid, 0);
            return false;
          } catch {
            return true;
          }
        });
        const before = receiver.accepted("/single").length;
        expect(before).toBeLessThan(600);
        server = await startServer({ env: env() });
        api = apiClient(server.baseUrl, { Authorization: auth });
        await until("600 deliveries accepted", () => receiver.accepted("/single").length >= 600);
        await until("all marked delivered", async () => (await counts(webhook.id)).pending === 0);
        expect(await counts(webhook.id)).toEqual({ pending: 0, delivered: 600, failed: 0 });

        const bodies = receiver.accepted("/single").map((r) => r.body);
        expect(bodies.every((b) => !b.startsWith("["))).toBe(true);
        const events = eventsOf(bodies);
        expectOncePerChangeInOrder(events, 600);
        expect(new Set(events.map((e) => e.id))).toEqual(new Set(ids));
        receiver.verify("/single", secret);
      },
    );

    it("a failed delivery is retried from the API; a delivered one is refused with 1008", SLOW, async () => {
      await server.stop();
      server = await startServer({ env: { ...env(), WEBHOOK_RETRY_FOR_SECONDS: "1" } });
      api = apiClient(server.baseUrl, { Authorization: auth });
      const { webhook } = await makeWebhook({ url: receiver.url("/retry"), processIds: [1] });
      receiver.mode = "500";
      await bulkRename(1);
      await until("the delivery failed", async () => (await counts(webhook.id)).failed === 1);
      const [failed] = (await api("GET", `/api/v1/webhooks/${webhook.id}/deliveries`)).body.deliveries;
      expect(failed).toMatchObject({ status: "failed", lastStatus: 500, lastError: "down for maintenance" });
      receiver.mode = "up";
      const retried = await api("POST", `/api/v1/webhooks/${webhook.id}/deliveries/${failed.id}/retry`);
      expect(retried.status).toBe(200);
      expect(retried.body.delivery.status).toBe("pending");
      await until("delivered after the retry", async () => (await counts(webhook.id)).delivered === 1);
      expect(receiver.accepted("/retry").map((r) => r.id)).toEqual([failed.messageId]);
      const again = await api("POST", `/api/v1/webhooks/${webhook.id}/deliveries/${failed.id}/retry`);
      expect(again.body.code).toBe(1008);
      expect((await api("POST", `/api/v1/webhooks/${webhook.id}/deliveries/999999/retry`)).body.code).toBe(1005);
    });
  });
}
