import "server-only";
import mqtt, { type MqttClient } from "mqtt";
import { env } from "@/lib/env";
import { errorFields, logger } from "@/lib/logger";
import { watchProcessChanges } from "@/lib/processes/change-signals";
import { eventData } from "@/lib/processes/event-frames";
import { listProcesses } from "@/lib/processes/list-processes";
import { lastChangeId, listChangesAfter } from "@/lib/processes/process-history";

// MQTT (issue 26, docs/decisions/042): with MQTT_URL set, every change is published (QoS 1) to
// `<prefix>/changes` as the event stream's data, and each process's current state to `<prefix>/state/<id>` as a
// retained message (a deletion clears it), so that a subscriber that connects late reads the current state of
// every process at once. At each (re)connection the whole current state is published again, which also
// covers changes made while this instance was down. The history is read from a cursor, as the event feed does.

const PAGE = 1_000;
const TICK_MS = 1_000;

let client: MqttClient | null = null;

type Stateful = { id: number; name: string; comment: string; version: number; updatedAt: string };
const stateOf = ({ id, name, comment, version, updatedAt }: Stateful) =>
  JSON.stringify({ id, name, comment, version, updatedAt });

export function startMqttPublisher(): void {
  if (!env.MQTT_URL || client) return;
  const prefix = env.MQTT_TOPIC_PREFIX;
  const connection = mqtt.connect(env.MQTT_URL, {
    username: env.MQTT_USERNAME,
    password: env.MQTT_PASSWORD,
    reconnectPeriod: 1_000,
    connectTimeout: 5_000,
  });
  client = connection;
  let cursor: number | null = null;
  let running = false;
  let again = false;

  const publish = (topic: string, payload: string, retain: boolean) =>
    connection.publishAsync(topic, payload, { qos: 1, retain });

  const pump = async () => {
    if (cursor === null) return;
    for (;;) {
      const changes = await listChangesAfter({ after: cursor, limit: PAGE });
      if (changes.length === 0) return;
      // Sent in this order on one connection; the cursor moves once the broker has acknowledged the page.
      await Promise.all(
        changes.flatMap((change) => {
          const data = eventData(change);
          return [
            publish(`${prefix}/changes`, JSON.stringify(data), false),
            publish(`${prefix}/state/${data.id}`, data.kind === "deleted" ? "" : stateOf(data), true),
          ];
        }),
      );
      cursor = changes.at(-1)!.id;
    }
  };
  const wake = () => {
    if (running) return void (again = true);
    running = true;
    void (async () => {
      do {
        again = false;
        await pump().catch((error) => logger.warn("MQTT publishing paused", errorFields(error)));
      } while (again);
    })().finally(() => (running = false));
  };

  connection.on("connect", () => {
    void (async () => {
      // The current state first (retained), then every change after the history's head at that moment.
      const head = await lastChangeId();
      const processes = await listProcesses();
      await Promise.all(processes.map((p) => publish(`${prefix}/state/${p.id}`, stateOf(p), true)));
      cursor ??= head;
      logger.info("MQTT connected; current state published", { broker: new URL(env.MQTT_URL!).host });
      wake();
    })().catch((error) => logger.warn("MQTT state not published", errorFields(error)));
  });
  connection.on("error", (error) => logger.warn("MQTT error", { error: error.message }));
  watchProcessChanges(wake);
  setInterval(wake, TICK_MS).unref();
}
