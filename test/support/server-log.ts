import type { TestServer } from "@/test/support/test-server";

/** The server's structured log line for one request (by its X-Request-Id). */
export function logLineOf(server: TestServer, requestId: string | undefined | null): Record<string, unknown> {
  const line = server
    .output()
    .split("\n")
    .find((l) => l.startsWith("{") && l.includes(`"requestId":"${requestId}"`));
  if (!line) throw new Error(`no log line for request ${requestId}`);
  return JSON.parse(line) as Record<string, unknown>;
}
