"use client";

import { useTranslations } from "next-intl";
import { useChangeControl } from "@/lib/query/change-control";
import { useChangeRequests } from "@/lib/query/change-requests";
import { isProtectedBy } from "@/lib/validations/change-control";

/**
 * Under four-eyes approval (docs/decisions/043): a lock on a protected row (its changes become requests) and an
 * hourglass on a row that a pending request would change. Nothing while approval is off.
 */
export function ApprovalMarks({ id }: { id: number }) {
  const t = useTranslations("changeRequests");
  const { data: policy } = useChangeControl();
  const on = policy?.approval === true;
  const { data: pending } = useChangeRequests("pending", on);
  if (!on) return null;
  const guarded = isProtectedBy(policy, id);
  const waiting = pending?.some((request) => request.processIds.includes(id)) ?? false;
  return (
    <>
      {guarded && (
        <span role="img" aria-label={t("protected")} title={t("protected")}>
          {" "}
          🔒
        </span>
      )}
      {waiting && (
        <span role="img" aria-label={t("pending")} title={t("pending")}>
          {" "}
          ⏳
        </span>
      )}
    </>
  );
}
