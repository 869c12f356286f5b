import type { RouteKey } from "@/lib/api/routes";
import type { Answer, OperationSpec } from "@/lib/openapi/operation-spec";
import { CHANGE_REQUEST_STATES } from "@/lib/validations/change-request";

// Four-eyes approval in the document (issue 23; docs/decisions/043-four-eyes-approval.md): the change requests
// routes, and the 202 that the process writes answer when a write is held for approval.

const EXAMPLE_REQUEST = {
  id: 12,
  state: "pending",
  itemCount: 1,
  processIds: [7],
  reason: "Deviation DV-1234",
  requester: { type: "user", id: 4, name: "operator@example.com" },
  requesterSignature: null,
  createdAt: "2026-12-07T05:00:00.000Z",
  decidedAt: null,
  decider: null,
  decisionReason: null,
  deciderSignature: null,
  items: [
    {
      id: 7,
      name: "Cutting",
      comment: "Flying saw, line 2",
      baseVersion: 3,
      before: { name: "Cutting", comment: "Flying saw" },
      reason: "Deviation DV-1234",
    },
  ],
};

export const APPROVAL_TEXT =
  " Four-eyes approval (the policy's `approval`, off by default): a write that would change a protected process " +
  "is not written; the whole write (a bulk one included) becomes one change request, answered 202 with its " +
  "`Location`, holding the proposed values, each item's base version (the one sent, else the current one), the " +
  "reasons and the requester's signature. A second person approves or rejects it at `/api/v1/change-requests`.";

/** The process writes' 202 (held for approval). */
export const HELD_FOR_APPROVAL: Answer = {
  status: 202,
  schema: "ChangeRequestOne",
  description: "Held for approval: nothing was written; the change request made, at `Location`.",
  headers: ["Location"],
};

const ONE: Answer = { status: 200, schema: "ChangeRequestOne", description: "The change request as it is now." };

const DECIDERS =
  "Approvers are Super users and people given the approver right (`PATCH /api/v1/users/{id}` with `approver`), " +
  "never the one who made the request (3001, also for a token of theirs). Under electronic signatures the decider " +
  "signs (`signature`: password re-entered, meaning); an API token cannot (3001). A request decided already is " +
  "1008 (409): a decided request never changes, a revert is a new request.";

type RequestsRoute = Extract<RouteKey, `${string} /api/v1/change-requests${string}`>;

export const CHANGE_REQUEST_OPERATIONS: Record<RequestsRoute, OperationSpec> = {
  "GET /api/v1/change-requests": {
    tag: "Change control",
    summary: "List change requests",
    description:
      "Newest first, without their items (read one for them); `processIds` names the processes each would change.",
    parameters: [
      {
        in: "query",
        name: "state",
        description: "Only requests in this state.",
        schema: { type: "string", enum: [...CHANGE_REQUEST_STATES] },
      },
      {
        in: "query",
        name: "limit",
        description: "At most this many (1–500, default 100).",
        schema: { type: "integer", minimum: 1, maximum: 500 },
      },
    ],
    answers: [{ status: 200, schema: "ChangeRequestList", description: "The change requests." }],
    // A state or limit out of range, a repeated or an unknown parameter.
    errors: [1001],
  },
  "GET /api/v1/change-requests/{id}": {
    tag: "Change control",
    summary: "Read one change request",
    description: "With its items: proposed values, base version, the values at the time it was made, and reason.",
    answers: [{ ...ONE, example: { changeRequest: EXAMPLE_REQUEST } }],
    errors: [1005],
  },
  "POST /api/v1/change-requests/{id}/approve": {
    tag: "Change control",
    summary: "Approve a change request",
    description:
      "Writes every item in one transaction, each with its base version as precondition; the history rows name " +
      "the requester as author, carry the request's reasons and the approver's signature. When any base version " +
      "is not current any more, nothing is written: 1007 (409) with `errors` at `/items/<n>/baseVersion` and " +
      "`current`; the request stays pending, and the requester withdraws it and asks again. " +
      DECIDERS,
    body: { schema: "ChangeRequestApprove", example: { signature: { password: "…", meaning: "approved" } } },
    answers: [{ ...ONE, description: "Approved and applied." }],
    errors: [1005, [1007, 409, "bulk"], 1008, 3001],
  },
  "POST /api/v1/change-requests/{id}/reject": {
    tag: "Change control",
    summary: "Reject a change request",
    description: "With a reason (1–500 characters); nothing is written. " + DECIDERS,
    body: { schema: "ChangeRequestReject", example: { reason: "Recipe not validated yet" } },
    answers: [{ ...ONE, description: "Rejected." }],
    errors: [1005, 1008, 3001],
  },
  "POST /api/v1/change-requests/{id}/withdraw": {
    tag: "Change control",
    summary: "Withdraw one's change request",
    description:
      "Only the one who made it (3001 for anyone else); an optional `reason`. A decided request is 1008 (409).",
    body: { schema: "ChangeRequestWithdraw", example: {} },
    answers: [{ ...ONE, description: "Withdrawn." }],
    errors: [1005, 1008, 3001],
  },
};
