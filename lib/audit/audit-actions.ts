import { z } from "zod";

// The closed list of security events (issue 20). The page's filter, the API's query and the writers share it.
export const AUDIT_ACTIONS = [
  "sign-in.succeeded",
  "sign-in.failed",
  "sign-out",
  "sessions.ended",
  "user.created",
  "user.changed",
  "user.disabled",
  "user.enabled",
  "user.deleted",
  "role.changed",
  "password.changed",
  "password.reset",
  "token.created",
  "token.revoked",
  "webhook.created",
  "webhook.deleted",
  "directory.refused",
  // The scheduled check found the tamper-evident trail broken (lib/trail/trail-schedule.ts): once per break.
  "trail.broken",
  // Change control (issue 23): the policy changed; a signature refused for a wrong password.
  "change-control.changed",
  "signature.refused",
  // Four-eyes approval (docs/decisions/043): a change request made and decided; who may approve changed.
  "change-request.created",
  "change-request.approved",
  "change-request.rejected",
  "change-request.withdrawn",
  "approver.changed",
] as const;

export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;
