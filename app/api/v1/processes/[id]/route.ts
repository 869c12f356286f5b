// GET /api/v1/processes/{id} – read one, with its version as ETag (If-None-Match → 304); PUT /api/v1/processes/{id} – update one
// (under change control with its reason and signature: lib/change-control; under four-eyes approval a change
// to a protected process is a change request instead, 202)
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { ifNoneMatchHits, notModified, versionEtag } from "@/lib/api/etag";
import { parseIfMatch } from "@/lib/api/preconditions";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { callerKey } from "@/lib/auth/caller";
import { enforceChangeControl, parseReasonHeader } from "@/lib/change-control/enforce-change-control";
import { changeRequestAccepted } from "@/lib/change-requests/accepted";
import { requestApprovalIfNeeded } from "@/lib/change-requests/request-approval";
import { AppError } from "@/lib/errors";
import { actorOf } from "@/lib/processes/actor";
import { listDifferingItems } from "@/lib/processes/list-differing-items";
import { expectedVersion, findProcess, updateProcessReporting } from "@/lib/processes/update-process";
import { spendWriteBudget } from "@/lib/rate-limit/write-budget";
import { processUpdateSchema } from "@/lib/validations/process";

export const GET = withApi<{ id: string }>("GET /api/v1/processes/{id}", async ({ request, params }) => {
  const process = await findProcess({ id: parseIdParam(params.id) });
  const etag = versionEtag(process.version);
  // As on the list: no-store keeps caches from storing it, a client still revalidates with If-None-Match.
  if (ifNoneMatchHits(request.headers, etag)) return notModified(etag, { "Cache-Control": "no-store" });
  return jsonResponse(process, { headers: { ETag: etag } });
});

export const PUT = withApi<{ id: string }>("PUT /api/v1/processes/{id}", async (ctx) => {
  const { request, params, caller, requestId } = ctx;
  const id = parseIdParam(params.id);
  const ifMatch = parseIfMatch(request);
  const { id: bodyId, version, name, comment, reason, signature } = await readJson(request, processUpdateSchema);
  if (bodyId !== undefined && bodyId !== id) {
    throw new AppError(1001, `Body id ${bodyId} differs from the path's id ${id}`, {
      errors: [{ pointer: "/id", detail: `must equal the path's id ${id}` }],
    });
  }
  const control = await enforceChangeControl({
    caller: caller!,
    items: [{ id }],
    requestReason: reason ?? parseReasonHeader(request.headers),
    signature,
    reasonPointer: () => "/reason",
    signaturePointer: "/signature",
    audit: auditSourceOf(ctx),
  });
  // Under approval the preconditions are settled first, as the write would (a stale one is refused, not held).
  const based = control.policy.approval ? await expectedVersion(id, { ifMatch, bodyVersion: version }) : null;
  const { held, pinned } = await requestApprovalIfNeeded({
    policy: control.policy,
    caller: caller!,
    items: [{ id, name, comment, version: based?.version, reason: control.reasons[0] ?? null }],
    signature: control.signature,
    audit: auditSourceOf(ctx),
  });
  if (held) return changeRequestAccepted(held);
  const { process } = await spendWriteBudget({
    callerKey: callerKey(caller!),
    items: [{ id, name, comment }],
    differing: () => listDifferingItems({ items: [{ id, name, comment }] }),
    write: () =>
      updateProcessReporting({
        id,
        fields: { name, comment },
        preconditions: { ifMatch, bodyVersion: version ?? pinned.get(id) },
        context: { actor: actorOf(caller!), requestId, signature: control.signature },
        reason: control.reasons[0],
      }),
    changedOf: (result) => (result.changed ? 1 : 0),
  });
  return jsonResponse(process, { headers: { ETag: versionEtag(process.version) } });
});
