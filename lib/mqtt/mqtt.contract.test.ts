// Issue 26, MQTT: with MQTT_URL set, the built server publishes every change (QoS 1) to <prefix>/changes and
// each process's current state as a retained message on <prefix>/state/<id>; a deletion clears it. Against a
// real Mosquitto started here. A subscriber receives every change in order; one that connects late gets the
// current state of every process from the retained messages alone.
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { startMosquitto, type Mosquitto } from "@/test/support/mosquitto";
import { runOutside } from "@/test/support/outside-sql";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

type Message = { topic: string; payload: string };
const PREFIX = "plant/line2";
const PROCESSES = 500;

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function subscriber(url: string): Promise<{ client: MqttClient; messages: Message[] }> {
  const messages: Message[] = [];
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  client.on("message", (topic, payload) => messages.push({ topic, payload: payload.toString("utf8") }));
  await client.subscribeAsync(`${PREFIX}/#`, { qos: 1 });
  return { client, messages };
}

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: MQTT`, options, () => {
    let database: TestDatabase;
    let broker: Mosquitto;
    let server: TestServer;
    let api: ApiClient;
    const clients: MqttClient[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, PROCESSES);
      const token = await createTestToken(database.url, "Advanced user", { name: "mqtt writer" });
      broker = await startMosquitto();
      server = await startServer({
        env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", MQTT_URL: broker.url, MQTT_TOPIC_PREFIX: PREFIX },
      });
      api = apiClient(server.baseUrl, { Authorization: `Bearer ${token}` });
    }, 120_000);

    afterAll(async () => {
      for (const c of clients) await c.endAsync().catch(() => undefined);
      await server?.stop();
      await broker?.stop();
      await database?.drop();
    });

    it("a subscriber receives every change in order; a late one gets each process's current state", async () => {
      const early = await subscriber(broker.url);
      clients.push(early.client);
      // The state published at start: one retained message per process.
      await until(
        "the initial state",
        () => early.messages.filter((m) => m.topic.includes("/state/")).length >= PROCESSES,
      );

      for (const round of [1, 2]) {
        const processes = Array.from({ length: PROCESSES }, (_, i) => ({
          id: i + 1,
          name: `P${i + 1} r${round}`,
          comment: "",
        }));
        expect((await api("PUT", "/api/v1/processes", { json: { processes } })).status).toBe(200);
      }
      // An outside delete reaches MQTT too, and clears its retained state.
      await runOutside(database.url, [["DELETE FROM processes WHERE id = $1", [PROCESSES]]]);

      const changes = () => early.messages.filter((m) => m.topic === `${PREFIX}/changes`);
      await until("every change", () => changes().length >= 2 * PROCESSES + 1);
      const events = changes().map((m) => JSON.parse(m.payload) as { id: number; version: number; kind: string });
      expect(events).toHaveLength(2 * PROCESSES + 1);
      expect(new Set(events.map((e) => `${e.id}@${e.version}@${e.kind}`)).size).toBe(2 * PROCESSES + 1);
      expect(events.at(-1)).toMatchObject({ id: PROCESSES, kind: "deleted" });
      const first = new Map<number, number>();
      for (const e of events.filter((e) => e.kind === "updated")) {
        expect(e.version).toBeGreaterThan(first.get(e.id) ?? 0);
        first.set(e.id, e.version);
      }

      const late = await subscriber(broker.url);
      clients.push(late.client);
      await until("the retained state", () => late.messages.length >= PROCESSES - 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(late.messages.every((m) => m.topic.startsWith(`${PREFIX}/state/`))).toBe(true);
      const state = new Map(
        late.messages.map((m) => [m.topic, JSON.parse(m.payload) as { name: string; version: number }]),
      );
      expect(state.size).toBe(PROCESSES - 1);
      expect(state.has(`${PREFIX}/state/${PROCESSES}`)).toBe(false);
      expect(state.get(`${PREFIX}/state/1`)).toMatchObject({ name: "P1 r2", version: 3 });
      expect([...state.values()].every((s) => s.version === 3)).toBe(true);
    });
  });
}
