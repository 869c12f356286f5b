"use client";

// Change control on the page (docs/decisions/032-change-control.md): before a Save or Save all, ask once for the
// reason (the plant's standard reasons and this browser's recent ones offered) and, under electronic signatures,
// the password again and the meaning. With the policy off nothing is asked.

import { onlineManager, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { changeControlKeys, changeControlQueryOptions, type PolicyInForce } from "@/lib/query/change-control";
import type { ChangeExtras } from "@/lib/query/processes";
import { SIGNATURE_MEANINGS, type SignatureMeaning } from "@/lib/validations/change-control";
import styles from "./change-prompt.module.css";

/** Resolves with what the save carries, or null when the person cancelled (nothing is sent then). */
export type AskChange = (count: number) => Promise<ChangeExtras | null>;

const RECENT_KEY = "plant.recentChangeReasons";
const RECENT_MAX = 10;

function recentReasons(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? "[]");
    return Array.isArray(list) ? list.filter((r): r is string => typeof r === "string").slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

function rememberReason(reason: string): void {
  const list = [reason, ...recentReasons().filter((r) => r !== reason)].slice(0, RECENT_MAX);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Storage full or off: the list is a convenience.
  }
}

type Asked = { count: number; policy: PolicyInForce; resolve: (extras: ChangeExtras | null) => void };

export function useChangePrompt(): { ask: AskChange; prompt: ReactNode } {
  const client = useQueryClient();
  const [asked, setAsked] = useState<Asked | null>(null);
  // Read with the page, so that a save does not wait for it (offline, or past the rate limit, such a read waits).
  useQuery(changeControlQueryOptions());
  const ask: AskChange = async (count) => {
    // The server enforces the policy whatever the page knows: a newer one refuses the save, the page reads it
    // again, and the next save asks by it. A policy that cannot be read asks nothing here.
    const policy =
      client.getQueryData<PolicyInForce>(changeControlKeys.policy()) ??
      (onlineManager.isOnline()
        ? await client.fetchQuery({ ...changeControlQueryOptions(), retry: false }).catch(() => null)
        : null);
    if (!policy || (policy.reasonMode === "off" && !policy.signatures)) return {};
    return new Promise((resolve) => setAsked({ count, policy, resolve }));
  };
  const done = (extras: ChangeExtras | null) => {
    asked?.resolve(extras);
    setAsked(null);
  };
  const prompt = asked ? <ChangePrompt count={asked.count} policy={asked.policy} onDone={done} /> : null;
  return { ask, prompt };
}

function ChangePrompt(props: { count: number; policy: PolicyInForce; onDone: (extras: ChangeExtras | null) => void }) {
  const { count, policy, onDone } = props;
  const t = useTranslations("changeControl");
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [password, setPassword] = useState("");
  const [meaning, setMeaning] = useState<SignatureMeaning>("authored");
  const [problem, setProblem] = useState<{ field: "reason" | "password"; text: string } | null>(null);
  const [offered] = useState(() => [...new Set([...policy.standardReasons, ...recentReasons()])]);
  const asksReason = policy.reasonMode !== "off";
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const why = reason.trim();
    if (policy.reasonMode === "required" && !why) return setProblem({ field: "reason", text: t("prompt.enterReason") });
    if (policy.signatures && !password) return setProblem({ field: "password", text: t("prompt.enterPassword") });
    if (why) rememberReason(why);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    onDone({
      ...(why ? { reason: why } : {}),
      ...(policy.signatures ? { signature: { password, meaning, timeZone } } : {}),
    });
  };

  const invalid = (field: "reason" | "password") => (problem?.field === field ? true : undefined);
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="change-prompt-title"
      onCancel={(e) => (e.preventDefault(), onDone(null))}
    >
      <form className={styles.body} onSubmit={onSubmit} noValidate>
        <h2 id="change-prompt-title" className={styles.title}>
          {count > 1 ? t("prompt.titleMany", { count }) : t("prompt.title")}
        </h2>
        {asksReason && (
          <div className={styles.field}>
            <label htmlFor="change-reason">
              {policy.reasonMode === "required" ? t("prompt.reason") : t("prompt.reasonOptional")}
            </label>
            <input
              id="change-reason"
              className={styles.input}
              list="change-reasons"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              required={policy.reasonMode === "required"}
              aria-invalid={invalid("reason")}
              aria-describedby={invalid("reason") ? "change-prompt-problem" : undefined}
              autoFocus
            />
            <datalist id="change-reasons" aria-label={t("prompt.reasonsList")}>
              {offered.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </div>
        )}
        {policy.signatures && (
          <>
            <div className={styles.field}>
              <label htmlFor="change-meaning">{t("prompt.meaning")}</label>
              <select
                id="change-meaning"
                className={styles.input}
                value={meaning}
                onChange={(e) => setMeaning(e.target.value as SignatureMeaning)}
              >
                {SIGNATURE_MEANINGS.map((m) => (
                  <option key={m} value={m}>
                    {t(`meanings.${m}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.field}>
              <label htmlFor="change-password">{t("prompt.password")}</label>
              <input
                id="change-password"
                type="password"
                className={styles.input}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={invalid("password")}
                aria-describedby={invalid("password") ? "change-prompt-problem" : "change-prompt-note"}
                autoFocus={!asksReason}
              />
            </div>
            <p id="change-prompt-note" className={styles.note}>
              {t("prompt.signatureNote")}
            </p>
          </>
        )}
        {problem && (
          <p id="change-prompt-problem" role="alert" className={styles.problem}>
            {problem.text}
          </p>
        )}
        <div className={styles.actions}>
          <button type="button" className={styles.button} onClick={() => onDone(null)}>
            {t("prompt.cancel")}
          </button>
          <button type="submit" className={`${styles.button} ${styles.primary}`}>
            {policy.signatures ? t("prompt.confirmSign") : t("prompt.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
