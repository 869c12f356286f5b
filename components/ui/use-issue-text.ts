"use client";

import { useTranslations } from "next-intl";
import { issueOf } from "@/lib/validations/issues";

/**
 * A field's reason in the operator's language. The schemas and the API word reasons in English (the API's
 * contract); the key is found again from that text. A reason that is not ours is shown as it came.
 */
export function useIssueText(): (message: string, label?: string) => string {
  const t = useTranslations("validation");
  return (message, label) => {
    const known = issueOf(message);
    const text = known ? t(known.key, known.values) : message;
    return label ? t("withLabel", { label, message: text }) : text;
  };
}
