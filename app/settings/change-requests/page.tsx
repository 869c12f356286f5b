import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangeRequestsView } from "@/components/change-requests/change-requests-view";
import styles from "@/components/change-requests/change-requests.module.css";
import { requireUser } from "@/lib/auth/session-user";
import { readChangeControl } from "@/lib/change-control/policy";
import { hasApproverRight } from "@/lib/change-requests/change-request-records";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("changeRequests") };
}

const PATH = "/settings/change-requests";

// Everyone signed in sees the requests; approvers decide, requesters withdraw theirs (docs/decisions/043).
export default async function ChangeRequestsPage() {
  const user = await requireUser(PATH);
  const t = await getTranslations("changeRequests");
  const [policy, approver] = await Promise.all([readChangeControl(), hasApproverRight({ userId: user.id })]);
  return (
    <div className={styles.page}>
      <header>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.subtitle}>{t("subtitle")}</p>
      </header>
      <ChangeRequestsView
        me={user.id}
        canDecide={user.role === "Super user" || approver}
        signatures={policy.signatures}
      />
    </div>
  );
}
