"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm, type UseFormRegisterReturn } from "react-hook-form";
import { z } from "zod";
import { useNotify } from "@/components/feedback/toaster";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import { isApiError } from "@/lib/query/api-error";
import { useChangePassword } from "@/lib/query/account";
import { passwordChangeSchema } from "@/lib/validations/account";
import styles from "./account.module.css";
import { useHydrated } from "@/components/ui/use-hydrated";

// The length rule is checked here; the strength estimate only on the server (its dictionaries stay out of the
// browser: lib/validations/password-strength.ts), whose refusal lands under the field by its pointer.
const formSchema = passwordChangeSchema
  .extend({ confirm: z.string() })
  .refine((v) => v.confirm === v.newPassword, { path: ["confirm"], error: "mismatch" });
type PasswordForm = z.infer<typeof formSchema>;

export function PasswordForm() {
  const t = useTranslations("account");
  // The submit waits for hydration (why: components/ui/use-hydrated.ts).
  const hydrated = useHydrated();
  const notify = useNotify();
  const change = useChangePassword();
  const form = useForm<PasswordForm>({
    resolver: zodResolver(formSchema),
    mode: "onTouched",
    defaultValues: { currentPassword: "", newPassword: "", confirm: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    try {
      const { endedSessions } = await change.mutateAsync({ currentPassword, newPassword });
      form.reset();
      notify("success", t("passwordChanged", { count: endedSessions }));
    } catch (error) {
      const fieldErrors = isApiError(error) ? (error.problem.errors ?? []) : [];
      for (const e of fieldErrors)
        if (e.pointer === "/currentPassword" || e.pointer === "/newPassword")
          form.setError(e.pointer.slice(1) as "currentPassword" | "newPassword", { type: "server", message: e.detail });
      if (fieldErrors.length === 0)
        notify("error", t("passwordNotChanged", { reason: error instanceof Error ? error.message : "" }));
    }
  });

  const confirmMessage = errors.confirm ? t("mismatch") : undefined;
  return (
    <form className={styles.card} onSubmit={onSubmit} noValidate aria-labelledby="password-title">
      <h2 id="password-title" className={styles.cardTitle}>
        {t("passwordTitle")}
      </h2>
      <p className={styles.hint}>{t("passwordHint")}</p>
      <div className={styles.formGrid}>
        <PasswordField
          id="current-password"
          label={t("currentPassword")}
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...form.register("currentPassword")}
        />
        <PasswordField
          id="new-password"
          label={t("newPassword")}
          autoComplete="new-password"
          error={errors.newPassword?.message}
          {...form.register("newPassword")}
        />
        <PasswordField
          id="confirm-password"
          label={t("confirmPassword")}
          autoComplete="new-password"
          error={confirmMessage}
          {...form.register("confirm")}
        />
      </div>
      <div className={styles.toolbar}>
        <button
          type="submit"
          className={`${styles.button} ${styles.primary}`}
          disabled={change.isPending || !hydrated}
          aria-busy={change.isPending || undefined}
        >
          {change.isPending ? t("changing") : t("changePassword")}
        </button>
      </div>
    </form>
  );
}

type PasswordFieldProps = UseFormRegisterReturn & {
  id: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  error: string | undefined;
};

function PasswordField({ id, label, autoComplete, error, ...registered }: PasswordFieldProps) {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete={autoComplete}
        className={styles.input}
        {...errorAttributes(`${id}-error`, error)}
        {...registered}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
