import "server-only";
import { jsonResponse } from "@/lib/api/respond";
import type { ChangeRequest } from "@/lib/validations/change-request";

/** 202 for a write held for approval: the request, and where to follow it (docs/decisions/043). */
export function changeRequestAccepted(changeRequest: ChangeRequest): Response {
  return jsonResponse(
    { changeRequest },
    { status: 202, headers: { Location: `/api/v1/change-requests/${changeRequest.id}` } },
  );
}
