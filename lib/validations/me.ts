import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";

/** GET /api/v1/me: a signed-in user (`name` is the email) or an API token (`name` is the token's). */
export const meSchema = z.object({
  type: z.enum(["user", "token"]),
  id: z.number().int(),
  name: z.string(),
  role: roleSchema,
});

export type Me = z.infer<typeof meSchema>;
