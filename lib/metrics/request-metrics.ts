import "server-only";
import { metrics } from "@/lib/metrics/registry";

/** What kind of database failure an error is, for plant_processes_database_errors_total. */
export function databaseErrorKind(error: unknown, diskFull: boolean): string {
  if (diskFull) return "disk_full";
  const text =
    String((error as { message?: unknown })?.message ?? error) +
    " " +
    String((error as { code?: unknown })?.code ?? "");
  if (/timeout|timed out|P2024|P2028|55P03|57014|SocketTimeout/i.test(text)) return "timeout";
  if (
    /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|reach database|Connection (terminated|closed)|P1\d{3}/i.test(text)
  )
    return "unreachable";
  return "other";
}

/** Called by the route wrapper (lib/api/serve-api.ts) once per answer. */
export function noteRequest(
  label: { route: string; method: string },
  status: number,
  seconds: number,
  code?: number,
): void {
  const m = metrics();
  const labels = { route: label.route, method: label.method, status: String(status) };
  m.requests.inc(labels);
  m.duration.observe(labels, seconds);
  if (code === 6001) m.rateLimited.inc({ route: label.route });
}

export const noteDatabaseFailure = (kind: string) => metrics().databaseErrors.inc({ kind });
