import { z } from "zod";
import {
  changeReasonSchema,
  signatureInputSchema,
  signatureManifestationSchema,
} from "@/lib/validations/change-control";

// Four-eyes approval (issue 23, docs/decisions/043-four-eyes-approval.md): a change to protected processes held
// as a request until a second person decides it. Shared by the routes, the OpenAPI document and the page.

export const CHANGE_REQUEST_STATES = ["pending", "approved", "rejected", "withdrawn"] as const;
export const changeRequestStateSchema = z.enum(CHANGE_REQUEST_STATES, {
  error: "must be pending, approved, rejected or withdrawn",
});
export type ChangeRequestState = z.infer<typeof changeRequestStateSchema>;

/** One proposed change: the values, the version they were based on, what was there then, and why. */
export const changeRequestItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  comment: z.string(),
  baseVersion: z.number().int(),
  before: z.object({ name: z.string(), comment: z.string() }),
  reason: z.string().nullable(),
});
export type ChangeRequestItem = z.infer<typeof changeRequestItemSchema>;

const partySchema = z.object({ type: z.enum(["user", "token"]), id: z.number().int().nullable(), name: z.string() });

/** A change request as the API answers it; `items` only where one request is read (the list leaves them out). */
export const changeRequestSchema = z.object({
  id: z.number().int(),
  state: changeRequestStateSchema,
  itemCount: z.number().int(),
  processIds: z.array(z.number().int()),
  reason: z.string().nullable(),
  requester: partySchema,
  requesterSignature: signatureManifestationSchema.nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decider: partySchema.nullable(),
  decisionReason: z.string().nullable(),
  deciderSignature: signatureManifestationSchema.nullable(),
  items: z.array(changeRequestItemSchema).optional(),
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export const changeRequestOneSchema = z.object({ changeRequest: changeRequestSchema });
export const changeRequestListSchema = z.object({ changeRequests: z.array(changeRequestSchema) });

/** GET /change-requests?state=…&limit=… */
export const changeRequestQuerySchema = z.strictObject({
  state: changeRequestStateSchema.optional(),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be an integer" })
    .min(1, { error: "must be from 1 to 500" })
    .max(500, { error: "must be from 1 to 500" })
    .default(100),
});

/** POST …/approve: the approver's signature when the policy asks for signatures (meaning `approved` is usual). */
export const changeRequestApproveSchema = z.strictObject({ signature: signatureInputSchema.optional() });
/** POST …/reject: why (required), and a signature when the policy asks for signatures. */
export const changeRequestRejectSchema = z.strictObject({
  reason: changeReasonSchema,
  signature: signatureInputSchema.optional(),
});
/** POST …/withdraw: nothing required. */
export const changeRequestWithdrawSchema = z.strictObject({ reason: changeReasonSchema.optional() });
