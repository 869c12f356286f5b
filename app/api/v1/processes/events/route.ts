// GET /api/v1/processes/events – every change as Server-Sent Events (resume with Last-Event-ID)
import { withApi } from "@/lib/api/with-api";
import { AppError } from "@/lib/errors";
import { processEventStream } from "@/lib/processes/process-events";

function lastEventId(request: Request): number | null {
  const value = request.headers.get("last-event-id");
  if (value === null || value.trim() === "") return null;
  if (!/^\d{1,15}$/.test(value.trim())) {
    throw new AppError(1001, "Last-Event-ID must be the id of an event this stream sent", {
      errors: [{ pointer: "", detail: "header Last-Event-ID is malformed" }],
    });
  }
  return Number(value.trim());
}

// Counted once against the rate limit, when it opens (the wrapper charges per request, not per event).
export const GET = withApi("GET /api/v1/processes/events", async ({ request }) => {
  const stream = processEventStream({ lastEventId: lastEventId(request), signal: request.signal });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering events; X-Accel-Buffering does the same for nginx.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
