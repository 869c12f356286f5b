import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Every metric of GET /metrics, registered here once (docs/decisions/038-metrics-and-health.md). The instrumentation hook
// and the routes are bundled apart and share no modules, so the registry lives on globalThis: whoever loads
// this first makes it, the others find it.

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function makeMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "plant_processes_" });
  const r = [registry];
  return {
    registry,
    requests: new Counter({
      name: "plant_processes_http_requests_total",
      help: "API answers by route (the route table's key, or front-door for unknown paths and methods), method and status",
      labelNames: ["route", "method", "status"],
      registers: r,
    }),
    duration: new Histogram({
      name: "plant_processes_http_request_duration_seconds",
      help: "Time from a request reaching the route wrapper to its answer (an event stream: until it opened)",
      labelNames: ["route", "method", "status"],
      buckets: SECONDS,
      registers: r,
    }),
    rateLimited: new Counter({
      name: "plant_processes_rate_limit_refusals_total",
      help: "Requests refused with 6001 (rate limit, write budget, event stream caps), by route",
      labelNames: ["route"],
      registers: r,
    }),
    databaseErrors: new Counter({
      name: "plant_processes_database_errors_total",
      help: "Requests that met a database failure (answered 1006), by kind: timeout, unreachable, disk_full, other",
      labelNames: ["kind"],
      registers: r,
    }),
    pool: new Gauge({
      name: "plant_processes_database_pool_connections",
      help: "PostgreSQL pool connections by state (total, idle, waiting requests); absent on SQLite",
      labelNames: ["state"],
      registers: r,
    }),
    streams: new Gauge({
      name: "plant_processes_event_streams_open",
      help: "Event streams (GET /api/v1/processes/events) open on this instance",
      registers: r,
    }),
    deliveryLag: new Histogram({
      name: "plant_processes_event_delivery_lag_seconds",
      help: "From a change's commit time to this instance handing it to its open event streams",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: r,
    }),
    listCache: new Counter({
      name: "plant_processes_list_cache_total",
      help: "Reads of the process list: answered from the cached list (hit) or read from the database (miss)",
      labelNames: ["result"],
      registers: r,
    }),
    signInFailures: new Counter({
      name: "plant_processes_sign_in_failures_total",
      help: "Refused sign-ins by reason (wrong-credentials, limited, busy, disabled, directory, …)",
      labelNames: ["reason"],
      registers: r,
    }),
    backups: new Counter({
      name: "plant_processes_backups_total",
      help: "Scheduled backups (BACKUP_DIR) by result: ok, failed",
      labelNames: ["result"],
      registers: r,
    }),
    lastBackup: new Gauge({
      name: "plant_processes_backup_last_success_timestamp_seconds",
      help: "When the last scheduled backup succeeded (Unix time); absent until one has",
      registers: r,
    }),
    webhookDeliveries: new Counter({
      name: "plant_processes_webhook_deliveries_total",
      help: "Webhook deliveries on this instance by what became of them: queued, delivered, failed (for good), attempt_failed (retried)",
      labelNames: ["result"],
      registers: r,
    }),
    webhookChanges: new Counter({
      name: "plant_processes_webhook_changes_queued_total",
      help: "Changes queued for webhook subscriptions on this instance (a batched delivery holds several)",
      registers: r,
    }),
    webhookPending: new Gauge({
      name: "plant_processes_webhook_deliveries_pending",
      help: "Webhook deliveries neither delivered nor failed yet, over every instance (read at scrape time)",
      registers: r,
    }),
    webhookLag: new Gauge({
      name: "plant_processes_webhook_oldest_pending_seconds",
      help: "Age of the oldest pending webhook delivery, over every instance; 0 when none (read at scrape time)",
      registers: r,
    }),
    databaseBytes: new Gauge({
      name: "plant_processes_database_size_bytes",
      help: "The database's size: the SQLite file with its WAL, or pg_database_size (read at scrape time, at most every 5 s)",
      // Labelled so that a gauge never read is absent, not 0 (prom-client writes 0 for an unset plain gauge).
      labelNames: ["provider"],
      registers: r,
    }),
    diskFree: new Gauge({
      name: "plant_processes_database_volume_free_bytes",
      help: "Free space of the SQLite file's volume (read at scrape time); absent on PostgreSQL, whose volume is its server's",
      labelNames: ["provider"],
      registers: r,
    }),
    buildInfo: new Gauge({
      name: "plant_processes_build_info",
      help: "Always 1; the labels say what runs: the app's version, Node's, and the database provider",
      labelNames: ["version", "node", "provider"],
      registers: r,
    }),
  };
}

export type Metrics = ReturnType<typeof makeMetrics>;

const KEY = Symbol.for("plant-processes.metrics");
const shared = globalThis as { [KEY]?: Metrics };

/** The process's metrics (made on first use). */
export const metrics = (): Metrics => (shared[KEY] ??= makeMetrics());
