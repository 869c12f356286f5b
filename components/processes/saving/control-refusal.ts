import { isApiError } from "@/lib/query/api-error";

/** What a 1001 refusal of change control was about, from its pointers; null for any other answer. */
export type ControlRefusal = "reason" | "signature" | "password" | "timeZone";

export function controlRefusal(error: unknown): ControlRefusal | null {
  if (!isApiError(error) || error.code !== 1001) return null;
  for (const { pointer } of error.problem.errors ?? []) {
    if (pointer === "/signature/password") return "password";
    if (pointer === "/signature/timeZone") return "timeZone";
    if (pointer === "/signature") return "signature";
    if (pointer === "/reason" || /^\/processes\/\d+\/reason$/.test(pointer)) return "reason";
  }
  return null;
}
