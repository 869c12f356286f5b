import type { useTranslations } from "next-intl";
import { isApiError } from "@/lib/query/api-error";

/** A refused change in the operator's language: a rule (1008) says which, anything else its own words. */
export function failureText(t: ReturnType<typeof useTranslations<"users">>, error: Error): string {
  if (isApiError(error) && error.code === 1008) return t("refusedRule", { reason: error.message });
  return t("failed", { reason: error.message });
}
