// GET /api/v1/processes – list all (ETag; If-None-Match → 304; ?include=lastChange adds each one's newest change);
// PUT /api/v1/processes – update many, all or nothing
import { parseWith } from "@/lib/api/parse-with";
import { ifNoneMatchHits } from "@/lib/api/preconditions";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse, jsonTextResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { callerKey } from "@/lib/auth/caller";
import { actorOf } from "@/lib/processes/actor";
import { listProcessesWithLastChangeJson } from "@/lib/processes/list-last-changes";
import { listProcessesJson } from "@/lib/processes/list-processes";
import { updateProcesses } from "@/lib/processes/update-processes";
import { chargeWriteBudget, storedBytesOf } from "@/lib/rate-limit/write-budget";
import { processesUpdateSchema } from "@/lib/validations/process";
import { processListQuerySchema } from "@/lib/validations/process-listing";

export const GET = withApi("GET /api/v1/processes", async ({ request }) => {
  const { include } = parseWith(processListQuerySchema, {
    include: request.nextUrl.searchParams.get("include") ?? undefined,
  });
  const { body, etag } = include === "lastChange" ? await listProcessesWithLastChangeJson() : await listProcessesJson();
  // no-store still lets a client revalidate with If-None-Match: it only keeps caches from storing the list.
  if (ifNoneMatchHits(request, etag))
    return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": "no-store" } });
  return jsonTextResponse(body, { headers: { ETag: etag } });
});

export const PUT = withApi("PUT /api/v1/processes", async ({ request, caller, requestId }) => {
  const { processes } = await readJson(request, processesUpdateSchema);
  await chargeWriteBudget(callerKey(caller!), storedBytesOf(processes));
  const context = { actor: actorOf(caller!), requestId };
  return jsonResponse({ processes: await updateProcesses({ processes, context }) });
});
