"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useChangeRequests } from "@/lib/query/change-requests";
import { CHANGE_REQUEST_STATES, type ChangeRequestState } from "@/lib/validations/change-request";
import { RequestRow, type ViewProps } from "./request-row";
import styles from "./change-requests.module.css";

/** Change requests, newest first, filtered by state (pending first shown): the four-eyes approval's page. */
export function ChangeRequestsView(props: ViewProps) {
  const t = useTranslations("changeRequests");
  const [state, setState] = useState<ChangeRequestState | "any">("pending");
  const { data: requests = [], isPending } = useChangeRequests(state === "any" ? undefined : state);
  return (
    <>
      <div className={styles.field}>
        <label htmlFor="requests-state">{t("filter")}</label>
        <select
          id="requests-state"
          className={styles.input}
          value={state}
          onChange={(e) => setState(e.target.value as ChangeRequestState | "any")}
        >
          {(["any", ...CHANGE_REQUEST_STATES] as const).map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {!isPending && requests.length === 0 ? (
        <p className={styles.empty}>{t("empty")}</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t("columns.id")}</th>
                <th scope="col">{t("columns.state")}</th>
                <th scope="col">{t("columns.requester")}</th>
                <th scope="col">{t("columns.reason")}</th>
                <th scope="col">{t("columns.items")}</th>
                <th scope="col">{t("columns.createdAt")}</th>
                <th scope="col">{t("columns.decision")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <RequestRow key={request.id} request={request} {...props} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
