// GET /api/v1/processes/events – every change as Server-Sent Events (resume with Last-Event-ID)
import { withApi } from "@/lib/api/with-api";
import { parseLastEventId } from "@/lib/processes/event-ids";
import { checkProcessEventStream, openProcessEventStream } from "@/lib/processes/process-events";

const HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression from buffering events; X-Accel-Buffering does the same for nginx.
  "Cache-Control": "no-store, no-transform",
  "X-Accel-Buffering": "no",
};

// Counted once against the rate limit, when it opens (the wrapper charges per request, not per event).
export const GET = withApi("GET /api/v1/processes/events", async ({ request, caller }) => {
  const position = parseLastEventId(request.headers.get("last-event-id"));
  const stream = await openProcessEventStream({ caller: caller!, position, signal: request.signal });
  return new Response(stream, { headers: HEADERS });
});

// The same checks and headers as GET, and no stream: nothing is subscribed for an answer without a body.
export const HEAD = withApi("GET /api/v1/processes/events", async ({ request, caller }) => {
  parseLastEventId(request.headers.get("last-event-id"));
  await checkProcessEventStream(caller!);
  return new Response(null, { headers: HEADERS });
});
