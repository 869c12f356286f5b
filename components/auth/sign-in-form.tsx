"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState, type ComponentProps } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "next-intl";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";
import { signInSchema, type SignIn } from "@/lib/validations/user";
import styles from "./sign-in-form.module.css";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import { Spinner } from "@/components/ui/spinner";

// The error names lib/auth/auth-options.ts gives next-auth (that module is server-only, so not imported here).
const LIMITED = "TooManyAttempts";
// The server is hashing all it may (a flood): not a wrong password; "try again in a moment".
const BUSY = "SignInBusy";
// A correct initial password: `PasswordChangeRequired:<link secret>`; the user chooses their own first.
const CHANGE_PREFIX = "PasswordChangeRequired:";

type Failure = "refused" | "limited" | "unavailable";

type Props = { callbackUrl: string; expired: boolean };

export function SignInForm({ callbackUrl, expired }: Props) {
  const t = useTranslations();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [leaving, setLeaving] = useState(false);
  const form = useForm<SignIn>({
    resolver: zodResolver(signInSchema),
    mode: "onTouched",
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setFailure(null);
    const result = await signIn("credentials", { email, password, redirect: false }).catch(() => undefined);
    if (result?.ok && !result.error) {
      setLeaving(true);
      // A full load, so the server renders the destination with the new session.
      window.location.assign(callbackUrl);
      return;
    }
    if (result?.error?.startsWith(CHANGE_PREFIX)) {
      setLeaving(true);
      const setPassword = new URL("/set-password", window.location.origin);
      setPassword.hash = result.error.slice(CHANGE_PREFIX.length);
      window.location.assign(setPassword);
      return;
    }
    setFailure(!result || result.error === BUSY ? "unavailable" : result.error === LIMITED ? "limited" : "refused");
    form.setFocus("password");
  });

  const busy = isSubmitting || leaving;
  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={onSubmit} noValidate aria-labelledby="signin-title">
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            ⚙
          </span>
          {t("common.appName")}
        </div>
        <h1 id="signin-title" className={styles.title}>
          {t("signIn.title")}
        </h1>
        {expired && !failure && (
          <p className={styles.note} role="status">
            {t("signIn.expired")}
          </p>
        )}
        {failure && (
          <p className={styles.error} role="alert">
            <span aria-hidden="true">⚠ </span>
            {t(`signIn.${failure}`)}
          </p>
        )}
        <Field
          id="email"
          label={t("signIn.email")}
          type="email"
          autoComplete="username"
          error={errors.email?.message}
          {...form.register("email")}
        />
        <Field
          id="password"
          label={t("signIn.password")}
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
        <button type="submit" className={styles.submit} disabled={busy} aria-busy={busy || undefined}>
          {busy && <Spinner />}
          {busy ? t("signIn.submitting") : t("signIn.submit")}
        </button>
      </form>
      <LocaleSwitcher />
    </main>
  );
}

type FieldProps = ComponentProps<"input"> & { id: string; label: string; error?: string };

/** A labelled input whose message, when there is one, is announced with it. */
function Field({ id, label, error, ...input }: FieldProps) {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input id={id} className={styles.input} {...errorAttributes(`${id}-error`, error)} {...input} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
