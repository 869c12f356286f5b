"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Fragment, useState, type FormEvent } from "react";
import { useNotify } from "@/components/feedback/toaster";
import { isApiError } from "@/lib/query/api-error";
import { useChangeRequest, useDecideChangeRequest, type Decision } from "@/lib/query/change-requests";
import type { ChangeRequest } from "@/lib/validations/change-request";
import styles from "./change-requests.module.css";

export type ViewProps = { me: number; canDecide: boolean; signatures: boolean };
type Props = ViewProps & { request: ChangeRequest };

/** The page's words for a refused decision: the server's detail, else the error's message. */
function refusalText(error: unknown): string {
  if (isApiError(error)) return error.problem.detail ?? error.problem.title;
  return (error as Error).message;
}

/** One request: its summary, its changes on demand (before → proposed), and what this person may do with it. */
export function RequestRow({ request, me, canDecide, signatures }: Props) {
  const t = useTranslations("changeRequests");
  const format = useFormatter();
  const notify = useNotify();
  const decide = useDecideChangeRequest();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [password, setPassword] = useState("");
  const { data: full } = useChangeRequest(open ? request.id : null);
  const own = request.requester.type === "user" && request.requester.id === me;
  const pending = request.state === "pending";
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const signature = (meaning: "approved" | "reviewed") =>
    signatures ? { signature: { password, meaning, timeZone } } : {};

  // The promise, not mutate's callbacks: a decided request leaves the filtered list (this row unmounts) before
  // the answer is handled, and callbacks of an unmounted caller are dropped.
  const send = (decision: Decision, done: "approved" | "rejected" | "withdrawn") =>
    decide.mutateAsync(decision).then(
      () => notify("success", t(done, { id: request.id })),
      (error: unknown) => notify("error", refusalText(error)),
    );
  const onReject = (event: FormEvent) => {
    event.preventDefault();
    send({ id: request.id, verb: "reject", reason, ...signature("reviewed") }, "rejected");
  };
  const at = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" });

  return (
    <Fragment>
      <tr>
        <td>{request.id}</td>
        <td>{t(`states.${request.state}`)}</td>
        <td>
          {request.requester.name}
          {own && ` (${t("yours")})`}
        </td>
        <td>{request.reason ?? "—"}</td>
        <td>
          <button type="button" className={styles.button} aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t("hide") : t("show", { id: request.id })}
          </button>{" "}
          {request.processIds.slice(0, 10).join(", ")}
          {request.itemCount > 10 && ` … (${request.itemCount})`}
        </td>
        <td>{at(request.createdAt)}</td>
        <td>
          {request.decider && t("decidedBy", { name: request.decider.name, at: at(request.decidedAt!) })}
          {request.decisionReason && ` — ${request.decisionReason}`}
          {pending && (
            <div className={styles.actions}>
              {canDecide && !own && (
                <>
                  {signatures && (
                    <label>
                      {t("password")}
                      <input
                        className={styles.input}
                        type="password"
                        value={password}
                        onChange={(e) => setPassword(e.target.value)}
                      />
                    </label>
                  )}
                  <button
                    type="button"
                    className={`${styles.button} ${styles.primary}`}
                    onClick={() => send({ id: request.id, verb: "approve", ...signature("approved") }, "approved")}
                  >
                    {t("approve")}
                  </button>
                  <form onSubmit={onReject} className={styles.actions}>
                    <label>
                      {t("rejectReason")}
                      <input
                        className={styles.input}
                        value={reason}
                        required
                        onChange={(e) => setReason(e.target.value)}
                      />
                    </label>
                    <button type="submit" className={styles.button}>
                      {t("reject")}
                    </button>
                  </form>
                </>
              )}
              {own && (
                <button
                  type="button"
                  className={styles.button}
                  onClick={() => send({ id: request.id, verb: "withdraw" }, "withdrawn")}
                >
                  {t("withdraw")}
                </button>
              )}
            </div>
          )}
        </td>
      </tr>
      {open && full?.items && (
        <tr>
          <td colSpan={7}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t("diff.process")}</th>
                  <th scope="col">{t("diff.field")}</th>
                  <th scope="col">{t("diff.before")}</th>
                  <th scope="col">{t("diff.after")}</th>
                </tr>
              </thead>
              <tbody>
                {full.items.flatMap((item) =>
                  (["name", "comment"] as const)
                    .filter((field) => item[field] !== item.before[field])
                    .map((field) => (
                      <tr key={`${item.id}-${field}`}>
                        <td>{item.id}</td>
                        <td>{t(`diff.${field}`)}</td>
                        <td className={styles.before}>{item.before[field]}</td>
                        <td className={styles.after}>{item[field]}</td>
                      </tr>
                    )),
                )}
              </tbody>
            </table>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
