import { z } from "zod";

/** Roles as the product's user pages name them, least to most privileged. */
export const ROLES = ["User", "Advanced user", "Super user"] as const;

export const roleSchema = z.enum(ROLES, { error: `must be one of: ${ROLES.join(", ")}` });

export type Role = z.infer<typeof roleSchema>;
