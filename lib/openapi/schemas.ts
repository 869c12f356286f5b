import { z } from "zod";
import { ANNOTATIONS } from "@/lib/openapi/annotations";
import {
  accountAnswerSchema,
  accountSchema,
  accountSessionEndedSchema,
  accountSessionListSchema,
  accountSessionSchema,
  accountUpdateSchema,
  passwordChangedSchema,
  passwordChangeSchema,
} from "@/lib/validations/account";
import { auditEventSchema, auditPageSchema } from "@/lib/validations/audit";
import { changeControlAnswerSchema, changeControlPolicySchema } from "@/lib/validations/change-control";
import {
  changeRequestApproveSchema,
  changeRequestListSchema,
  changeRequestOneSchema,
  changeRequestRejectSchema,
  changeRequestSchema,
  changeRequestWithdrawSchema,
} from "@/lib/validations/change-request";
import { healthSchema, livenessSchema, readinessSchema } from "@/lib/validations/health";
import {
  processesUpdateSchema,
  processListSchema,
  processSchema,
  processUpdateSchema,
} from "@/lib/validations/process";
import { errorTableSchema, problemSchema } from "@/lib/validations/problem";
import {
  processChangeSchema,
  processEventSchema,
  processHistorySchema,
  resetEventSchema,
} from "@/lib/validations/process-history";
import { lastChangeSchema, processListingSchema } from "@/lib/validations/process-listing";
import {
  tokenCreatedSchema,
  tokenCreateSchema,
  tokenListSchema,
  tokenRevokedSchema,
  tokenSummarySchema,
} from "@/lib/validations/token";
import {
  webhookCreatedSchema,
  webhookCreateSchema,
  webhookDeletedSchema,
  webhookDeliveryListSchema,
  webhookDeliveryRetriedSchema,
  webhookDeliverySchema,
  webhookListSchema,
  webhookSummarySchema,
} from "@/lib/validations/webhook";
import { meSchema } from "@/lib/validations/me";
import {
  passwordLinkCheckSchema,
  passwordLinkInfoSchema,
  passwordLinkSchema,
  passwordLinkUsedSchema,
  passwordLinkUseSchema,
  userAddSchema,
  userCreatedSchema,
  userListSchema,
  userOneSchema,
  userPasswordLinkSchema,
  userPatchSchema,
  userSessionsEndedSchema,
  userSummarySchema,
} from "@/lib/validations/users";

// The document's component schemas, converted by zod's own JSON Schema output (draft 2020-12, the dialect of
// OpenAPI 3.1) from the schemas the handlers and forms use. Requests are converted as zod reads them (input:
// defaults optional), answers as the server writes them (output: no unknown members).

/** Request bodies, by component name. A new one is one line here. */
export const REQUEST_SCHEMAS = {
  ProcessUpdate: processUpdateSchema,
  ProcessesUpdate: processesUpdateSchema,
  TokenCreate: tokenCreateSchema,
  WebhookCreate: webhookCreateSchema,
  AccountUpdate: accountUpdateSchema,
  PasswordChange: passwordChangeSchema,
  UserAdd: userAddSchema,
  UserPatch: userPatchSchema,
  PasswordLinkCheck: passwordLinkCheckSchema,
  PasswordLinkUse: passwordLinkUseSchema,
  ChangeControlPolicy: changeControlPolicySchema,
  ChangeRequestApprove: changeRequestApproveSchema,
  ChangeRequestReject: changeRequestRejectSchema,
  ChangeRequestWithdraw: changeRequestWithdrawSchema,
} satisfies Record<string, z.ZodType>;

/** Answer bodies, by component name; a schema named here is a $ref wherever another one holds it. */
export const RESPONSE_SCHEMAS = {
  Process: processSchema,
  ProcessList: processListSchema,
  ProcessListing: processListingSchema,
  LastChange: lastChangeSchema,
  ProcessChange: processChangeSchema,
  ProcessHistory: processHistorySchema,
  ProcessEvent: processEventSchema,
  ResetEvent: resetEventSchema,
  TokenSummary: tokenSummarySchema,
  TokenList: tokenListSchema,
  TokenCreated: tokenCreatedSchema,
  TokenRevoked: tokenRevokedSchema,
  WebhookSummary: webhookSummarySchema,
  WebhookList: webhookListSchema,
  WebhookCreated: webhookCreatedSchema,
  WebhookDeleted: webhookDeletedSchema,
  WebhookDelivery: webhookDeliverySchema,
  WebhookDeliveryList: webhookDeliveryListSchema,
  WebhookDeliveryRetried: webhookDeliveryRetriedSchema,
  Account: accountSchema,
  AccountAnswer: accountAnswerSchema,
  AccountSession: accountSessionSchema,
  AccountSessionList: accountSessionListSchema,
  AccountSessionEnded: accountSessionEndedSchema,
  PasswordChanged: passwordChangedSchema,
  AuditEvent: auditEventSchema,
  AuditPage: auditPageSchema,
  UserSummary: userSummarySchema,
  UserList: userListSchema,
  UserOne: userOneSchema,
  UserCreated: userCreatedSchema,
  UserPasswordLink: userPasswordLinkSchema,
  UserSessionsEnded: userSessionsEndedSchema,
  PasswordLink: passwordLinkSchema,
  PasswordLinkInfo: passwordLinkInfoSchema,
  PasswordLinkUsed: passwordLinkUsedSchema,
  Me: meSchema,
  ChangeControlAnswer: changeControlAnswerSchema,
  ChangeRequest: changeRequestSchema,
  ChangeRequestOne: changeRequestOneSchema,
  ChangeRequestList: changeRequestListSchema,
  ErrorTable: errorTableSchema,
  Health: healthSchema,
  Liveness: livenessSchema,
  Readiness: readinessSchema,
  Problem: problemSchema,
} satisfies Record<string, z.ZodType>;

export type SchemaName = keyof typeof REQUEST_SCHEMAS | keyof typeof RESPONSE_SCHEMAS;
export type JsonSchema = Record<string, unknown>;

function convert(named: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id?: string } & Record<string, unknown>>();
  for (const [schema, annotation] of ANNOTATIONS) registry.add(schema, annotation);
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { ...registry.get(schema), id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    metadata: registry,
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
    // Refinements (code-point lengths, control characters, duplicate ids) have no JSON Schema form: the
    // annotations and descriptions carry them.
    unrepresentable: "any",
  });
  return Object.fromEntries(
    Object.entries(schemas)
      .filter(([id]) => id in named)
      .map(([id, schema]) => {
        const { $schema: _, $id: __, id: ___, ...rest } = schema as JsonSchema;
        return [id, rest];
      }),
  );
}

export function componentSchemas(): Record<SchemaName, JsonSchema> {
  return {
    ...convert(REQUEST_SCHEMAS, "input"),
    ...convert(RESPONSE_SCHEMAS, "output"),
  } as Record<SchemaName, JsonSchema>;
}

/** One schema alone (a parameter's), with the same annotations. */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const registry = z.registry<Record<string, unknown>>();
  for (const [annotated, annotation] of ANNOTATIONS) registry.add(annotated, annotation);
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, metadata: registry, target: "draft-2020-12" });
  return json;
}

export const schemaRef = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
