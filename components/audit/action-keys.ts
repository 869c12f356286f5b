import type { AuditAction } from "@/lib/audit/audit-actions";

/** Each audit action's label in the catalogs (`audit.actions`): catalog keys cannot hold the actions' dots. */
export const ACTION_KEYS = {
  "sign-in.succeeded": "signInSucceeded",
  "sign-in.failed": "signInFailed",
  "sign-out": "signOut",
  "sessions.ended": "sessionsEnded",
  "user.created": "userCreated",
  "user.changed": "userChanged",
  "user.disabled": "userDisabled",
  "user.enabled": "userEnabled",
  "user.deleted": "userDeleted",
  "role.changed": "roleChanged",
  "password.changed": "passwordChanged",
  "password.reset": "passwordReset",
  "token.created": "tokenCreated",
  "token.revoked": "tokenRevoked",
  "webhook.created": "webhookCreated",
  "webhook.deleted": "webhookDeleted",
  "directory.refused": "directoryRefused",
  "trail.broken": "trailBroken",
  "change-control.changed": "changeControlChanged",
  "signature.refused": "signatureRefused",
  "change-request.created": "changeRequestCreated",
  "change-request.approved": "changeRequestApproved",
  "change-request.rejected": "changeRequestRejected",
  "change-request.withdrawn": "changeRequestWithdrawn",
  "approver.changed": "approverChanged",
} as const satisfies Record<AuditAction, string>;

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(ACTION_KEYS, value);
