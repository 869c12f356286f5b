"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useNotify } from "@/components/feedback/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useIssueText } from "@/components/ui/use-issue-text";
import { isApiError } from "@/lib/query/api-error";
import { useChangeControl, useSaveChangeControl, type PolicyInForce } from "@/lib/query/change-control";
import {
  changeControlPolicySchema,
  PROTECTIONS,
  REASON_MODES,
  type ChangeControlPolicy,
} from "@/lib/validations/change-control";
import styles from "./change-control.module.css";

type Draft = {
  reasonMode: string;
  reasons: string;
  signatures: boolean;
  protection: string;
  ids: string;
  approval: boolean;
};

const draftOf = (policy: PolicyInForce): Draft => ({
  reasonMode: policy.reasonMode,
  reasons: policy.standardReasons.join("\n"),
  signatures: policy.signatures,
  protection: policy.protection,
  ids: policy.protectedIds.join(", "),
  approval: policy.approval === true,
});

/** The form's text as the policy the API takes: one reason a line, ids separated by commas or spaces. */
function policyOf(draft: Draft): unknown {
  return {
    reasonMode: draft.reasonMode,
    standardReasons: draft.reasons
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0),
    signatures: draft.signatures,
    protection: draft.protection,
    protectedIds:
      draft.protection === "listed"
        ? draft.ids
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map(Number)
        : [],
    approval: draft.approval,
  };
}

/** The change-control policy, as a Super user sets it (each save is in the security log). */
export function PolicyForm({ initial }: { initial: PolicyInForce }) {
  const t = useTranslations("changeControl");
  const issueText = useIssueText();
  const notify = useNotify();
  const { data: policy = initial } = useChangeControl();
  const save = useSaveChangeControl();
  const hydrated = useHydrated();
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy));
  const [problem, setProblem] = useState<string | null>(null);
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = changeControlPolicySchema.safeParse(policyOf(draft));
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const label = first.path[0] === "protectedIds" ? t("fields.ids") : t("fields.reasons");
      setProblem(issueText(first.message, label));
      return;
    }
    setProblem(null);
    save.mutate(parsed.data as ChangeControlPolicy, {
      onSuccess: ({ policy: saved }) => {
        setDraft(draftOf(saved));
        notify("success", t("saved"));
      },
      onError: (error) => {
        const detail = isApiError(error) ? error.problem.errors?.[0]?.detail : undefined;
        setProblem(detail ? issueText(detail) : error.message);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} aria-describedby={problem ? "policy-problem" : undefined}>
      {/* Disabled until hydrated: a choice made before would be lost on save (components/ui/use-hydrated.ts). */}
      <fieldset className={styles.form} disabled={!hydrated}>
        <ChoiceField
          id="policy-reason"
          label={t("fields.reasonMode")}
          value={draft.reasonMode}
          options={REASON_MODES.map((mode) => [mode, t(`reasonModes.${mode}`)])}
          onChange={(reasonMode) => set({ reasonMode })}
        />
        <div className={styles.field}>
          <label htmlFor="policy-reasons">{t("fields.reasons")}</label>
          <textarea
            id="policy-reasons"
            className={styles.textarea}
            value={draft.reasons}
            onChange={(e) => set({ reasons: e.target.value })}
            aria-describedby="policy-reasons-hint"
          />
          <p id="policy-reasons-hint" className={styles.hint}>
            {t("reasonsHint")}
          </p>
        </div>
        <label className={styles.check}>
          <input type="checkbox" checked={draft.signatures} onChange={(e) => set({ signatures: e.target.checked })} />
          {t("fields.signatures")}
        </label>
        <p className={styles.hint}>{t("signaturesHint")}</p>
        <ChoiceField
          id="policy-protection"
          label={t("fields.protection")}
          value={draft.protection}
          options={PROTECTIONS.map((p) => [p, t(`protections.${p}`)])}
          onChange={(protection) => set({ protection })}
        />
        {draft.protection === "listed" && (
          <div className={styles.field}>
            <label htmlFor="policy-ids">{t("fields.ids")}</label>
            <input
              id="policy-ids"
              className={styles.input}
              value={draft.ids}
              onChange={(e) => set({ ids: e.target.value })}
              aria-describedby="policy-ids-hint"
            />
            <p id="policy-ids-hint" className={styles.hint}>
              {t("idsHint")}
            </p>
          </div>
        )}
        <label className={styles.check}>
          <input type="checkbox" checked={draft.approval} onChange={(e) => set({ approval: e.target.checked })} />
          {t("fields.approval")}
        </label>
        <p className={styles.hint}>{t("approvalHint")}</p>
        {problem && (
          <p id="policy-problem" role="alert" className={styles.error}>
            {problem}
          </p>
        )}
        <div className={styles.actions}>
          <button
            type="submit"
            className={`${styles.button} ${styles.primary}`}
            aria-busy={save.isPending || undefined}
          >
            {save.isPending ? t("saving") : t("save")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** A labelled select of the policy's choices: each option its value and its words. */
function ChoiceField(props: {
  id: string;
  label: string;
  value: string;
  options: [value: string, text: string][];
  onChange: (value: string) => void;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        className={styles.input}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
