// GET /api/v1/processes – list all (ETag; If-None-Match → 304; ?include=lastChange adds each one's newest change);
// PUT /api/v1/processes – update many, all or nothing (X-Changed-Count: how many differed and were written);
// under four-eyes approval a write that changes a protected process is one change request instead (202)
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseWith } from "@/lib/api/parse-with";
import { ifNoneMatchHits, notModified } from "@/lib/api/etag";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse, jsonTextResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { callerKey } from "@/lib/auth/caller";
import { enforceChangeControl, parseReasonHeader } from "@/lib/change-control/enforce-change-control";
import { changeRequestAccepted } from "@/lib/change-requests/accepted";
import { requestApprovalIfNeeded } from "@/lib/change-requests/request-approval";
import { actorOf } from "@/lib/processes/actor";
import { listProcessesWithLastChangeJson } from "@/lib/processes/list-last-changes";
import { listDifferingItems } from "@/lib/processes/list-differing-items";
import { listProcessesJson } from "@/lib/processes/list-processes";
import { updateProcesses } from "@/lib/processes/update-processes";
import { spendWriteBudget } from "@/lib/rate-limit/write-budget";
import { processesUpdateSchema } from "@/lib/validations/process";
import { processListQuerySchema } from "@/lib/validations/process-listing";

export const GET = withApi("GET /api/v1/processes", async ({ request }) => {
  const { include } = parseWith(processListQuerySchema, {
    include: request.nextUrl.searchParams.get("include") ?? undefined,
  });
  const { body, etag } = include === "lastChange" ? await listProcessesWithLastChangeJson() : await listProcessesJson();
  // no-store still lets a client revalidate with If-None-Match: it only keeps caches from storing the list.
  if (ifNoneMatchHits(request.headers, etag)) return notModified(etag, { "Cache-Control": "no-store" });
  return jsonTextResponse(body, { headers: { ETag: etag } });
});

export const PUT = withApi("PUT /api/v1/processes", async (ctx) => {
  const { request, caller, requestId } = ctx;
  const { processes, reason, signature } = await readJson(request, processesUpdateSchema);
  const control = await enforceChangeControl({
    caller: caller!,
    items: processes,
    requestReason: reason ?? parseReasonHeader(request.headers),
    signature,
    reasonPointer: (index) => `/processes/${index}/reason`,
    signaturePointer: "/signature",
    audit: auditSourceOf(ctx),
  });
  const { held, pinned } = await requestApprovalIfNeeded({
    policy: control.policy,
    caller: caller!,
    items: processes.map((item, index) => ({ ...item, reason: control.reasons[index] ?? null })),
    signature: control.signature,
    audit: auditSourceOf(ctx),
  });
  if (held) return changeRequestAccepted(held);
  const context = { actor: actorOf(caller!), requestId, signature: control.signature };
  const items = processes.map((item) => ({ ...item, version: item.version ?? pinned.get(item.id) }));
  const { processes: written, changed } = await spendWriteBudget({
    callerKey: callerKey(caller!),
    items,
    differing: () => listDifferingItems({ items }),
    write: () => updateProcesses({ processes: items, reasons: control.reasons, context }),
    changedOf: (result) => result.changed,
  });
  // Items equal to the stored ones were left as they were (no version, history or event): a re-sync is free.
  return jsonResponse({ processes: written }, { headers: { "X-Changed-Count": String(changed) } });
});
