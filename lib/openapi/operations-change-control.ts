import type { RouteKey } from "@/lib/api/routes";
import type { OperationSpec } from "@/lib/openapi/operation-spec";

// The change-control routes in the document (issue 23; docs/decisions/032-change-control.md), and what the
// process writes say about reasons and signatures.

export const EXAMPLE_POLICY = {
  reasonMode: "required",
  standardReasons: ["Deviation DV-1234", "Planned maintenance", "Recipe correction"],
  signatures: true,
  protection: "listed",
  protectedIds: [7, 8],
};

/** The `Change-Reason` header of the process writes. */
export const CHANGE_REASON_PARAMETER: NonNullable<OperationSpec["parameters"]>[number] = {
  in: "header",
  name: "Change-Reason",
  description:
    "The reason for the change, percent-encoded UTF-8 (`Deviation%20DV-1234`), when the body has no `reason`. " +
    "Kept with each history row it writes. Malformed encoding or an invalid reason is 1001.",
  schema: { type: "string" },
};

export const CHANGE_CONTROL_TEXT =
  " Change control (off by default; `GET /api/v1/change-control`): the body's `reason` (in a bulk, per item " +
  "or for the whole request) or the `Change-Reason` header is kept with the history row and sent with its event; " +
  "under a required reason a write without one is 1001 pointing at each missing `reason`, and nothing is written. " +
  "Under electronic signatures a signed-in person's write carries `signature` (`password` re-entered, `meaning`, " +
  "optional `timeZone`): missing or wrong is 1001 at `/signature` or `/signature/password`, and a wrong password " +
  "counts as a failed sign-in. An API token writing a protected process is 3001 unless it was created as a " +
  "machine writer, whose identity is then recorded as the signer.";

type ChangeControlRoute = Extract<RouteKey, `${string} /api/v1/change-control`>;

export const CHANGE_CONTROL_OPERATIONS: Record<ChangeControlRoute, OperationSpec> = {
  "GET /api/v1/change-control": {
    tag: "Change control",
    summary: "Read the change-control policy",
    description:
      "Whether writes need a reason (`off`, `optional`, `required`) and offer the plant's standard reasons, " +
      "whether people sign their writes electronically, and which processes are protected (`none`, `all`, " +
      "`listed`: the ids in `protectedIds`). `updatedAt` is null while the policy still comes from the " +
      "`CHANGE_*` environment variables.",
    answers: [
      {
        status: 200,
        schema: "ChangeControlAnswer",
        description: "The policy in force.",
        example: { policy: { ...EXAMPLE_POLICY, updatedAt: "2026-12-07T02:30:00.000Z" } },
      },
    ],
  },
  "PUT /api/v1/change-control": {
    tag: "Change control",
    summary: "Set the change-control policy",
    description:
      "Replaces the policy; it applies to the next write on every instance. Each change is recorded in the " +
      "security audit log (`change-control.changed`, with the values before and after); the same values again " +
      "record nothing.",
    body: { schema: "ChangeControlPolicy", example: EXAMPLE_POLICY },
    answers: [{ status: 200, schema: "ChangeControlAnswer", description: "The policy as saved." }],
  },
};
