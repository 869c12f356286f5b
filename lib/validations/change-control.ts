import { z } from "zod";
import { idSchema } from "@/lib/validations/id";
import { issue } from "@/lib/validations/issues";
import { singleLineText } from "@/lib/validations/text";

// Change control (issue 23, docs/decisions/032-change-control.md): the policy Super users set, and what a write
// carries under it (a reason for the change, an electronic signature). Shared by the routes and the page.

export const MAX_REASON_LENGTH = 500;
export const MAX_STANDARD_REASONS = 50;
export const MAX_PROTECTED_IDS = 10_000;

export const REASON_MODES = ["off", "optional", "required"] as const;
export const reasonModeSchema = z.enum(REASON_MODES, { error: "must be off, optional or required" });
export type ReasonMode = z.infer<typeof reasonModeSchema>;

/** none: nothing is protected; all: every process; listed: the processes in protectedIds. */
export const PROTECTIONS = ["none", "all", "listed"] as const;
export const protectionSchema = z.enum(PROTECTIONS, { error: "must be none, all or listed" });

/** Why a change is made: one line, 1 to 500 characters (the rules of a name). */
export const changeReasonSchema = singleLineText(MAX_REASON_LENGTH);

/** The meaning of an electronic signature (21 CFR 11.50(a)(3)): what the signer vouches for. */
export const SIGNATURE_MEANINGS = ["authored", "reviewed", "approved", "responsible"] as const;
export const signatureMeaningSchema = z.enum(SIGNATURE_MEANINGS, {
  error: "must be authored, reviewed, approved or responsible",
});
export type SignatureMeaning = z.infer<typeof signatureMeaningSchema>;

/** Whether the runtime knows the zone; checked when a signature is taken (the schema checks only its form). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TIME_ZONE_PATTERN = "^[A-Za-z0-9_+/-]{1,64}$";

/** An IANA time zone as the browser names it (`Intl…resolvedOptions().timeZone`), or UTC. */
export const timeZoneSchema = z
  .string({ error: "must be a string" })
  .regex(new RegExp(TIME_ZONE_PATTERN), { error: issue("notTimeZone") });

/**
 * A person's electronic signature on a write: the password re-entered (never stored or logged), the meaning,
 * and the signer's time zone for the manifestation (default UTC).
 */
export const signatureInputSchema = z.strictObject({
  password: z.string({ error: "must be a string" }).min(1, { error: issue("enterPassword") }),
  meaning: signatureMeaningSchema,
  timeZone: timeZoneSchema.optional(),
});
export type SignatureInput = z.infer<typeof signatureInputSchema>;

/** The policy as a Super user sets it (PUT /api/v1/change-control) and as everyone reads it. */
export const changeControlPolicySchema = z.strictObject({
  reasonMode: reasonModeSchema,
  standardReasons: z
    .array(changeReasonSchema, { error: "must be an array" })
    .max(MAX_STANDARD_REASONS, { error: `must hold at most ${MAX_STANDARD_REASONS} reasons` }),
  signatures: z.boolean({ error: "must be true or false" }),
  protection: protectionSchema,
  protectedIds: z
    .array(idSchema, { error: "must be an array" })
    .max(MAX_PROTECTED_IDS, { error: `must hold at most ${MAX_PROTECTED_IDS} ids` }),
  // Four-eyes approval of changes to protected processes (docs/decisions/043). Optional so that a client that
  // predates it keeps working: absent is off, and the answer names it only while it is on.
  approval: z.boolean({ error: "must be true or false" }).optional(),
});
export type ChangeControlPolicy = z.infer<typeof changeControlPolicySchema>;

/** Whether a process is protected under a policy (the server's rule, shared with the page's marks). */
export function isProtectedBy(policy: Pick<ChangeControlPolicy, "protection" | "protectedIds">, id: number): boolean {
  return policy.protection === "all" || (policy.protection === "listed" && policy.protectedIds.includes(id));
}

/** GET/PUT /api/v1/change-control: the policy, and when a Super user last saved it (null: from the environment). */
export const changeControlAnswerSchema = z.object({
  policy: changeControlPolicySchema.extend({ updatedAt: z.string().nullable() }),
});
export type ChangeControlAnswer = z.infer<typeof changeControlAnswerSchema>;

/** The signature manifestation a history row carries (21 CFR 11.50): who, when (with the zone), what it means. */
export const signatureManifestationSchema = z.object({
  signer: z.object({ type: z.enum(["user", "token"]), id: z.number().int().nullable(), name: z.string() }),
  signedAt: z.string(),
  timeZone: z.string(),
  meaning: signatureMeaningSchema,
});
export type SignatureManifestation = z.infer<typeof signatureManifestationSchema>;
