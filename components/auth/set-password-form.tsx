"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore, type ComponentProps } from "react";
import { useForm } from "react-hook-form";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/lib/query/api-error";
import { usePasswordLink, useSetPasswordWithLink } from "@/lib/query/password-links";
import { setPasswordFormSchema } from "@/lib/validations/users";
import styles from "./sign-in-form.module.css";
import { useHydrated } from "@/components/ui/use-hydrated";

type Form = { password: string; confirm: string };

const subscribeHash = (notify: () => void) => {
  window.addEventListener("hashchange", notify);
  return () => window.removeEventListener("hashchange", notify);
};
const readHash = () => window.location.hash.slice(1);
const noHash = () => "";

/** The set-password page: a valid link shows the form, any other one message; then the user signs in. */
export function SetPasswordForm() {
  const t = useTranslations("setPassword");
  // The submit waits for hydration (why: components/ui/use-hydrated.ts).
  const hydrated = useHydrated();
  const token = useSyncExternalStore(subscribeHash, readHash, noHash);
  const link = usePasswordLink(token);
  const use = useSetPasswordWithLink();
  const [done, setDone] = useState(false);
  const form = useForm<Form>({
    resolver: zodResolver(setPasswordFormSchema),
    mode: "onTouched",
    defaultValues: { password: "", confirm: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    try {
      await use.mutateAsync({ token, password });
      // The secret is spent: keep it out of the history entry.
      window.history.replaceState(null, "", "/set-password");
      setDone(true);
    } catch (error) {
      const pointer = isApiError(error) ? error.problem.errors?.find((e) => e.pointer === "/password") : undefined;
      if (pointer) form.setError("password", { type: "server", message: pointer.detail });
    }
  });

  const limited = (e: unknown) => isApiError(e) && e.code === 6001;
  const invalid =
    token === "" || (link.isError && !limited(link.error)) || (isApiError(use.error) && use.error.code === 1005);
  let body;
  if (done)
    body = (
      <>
        <p role="status">{t("done")}</p>
        <a className={styles.submit} href="/signin">
          {t("signIn")}
        </a>
      </>
    );
  else if (limited(link.error) || limited(use.error))
    body = (
      <p className={styles.error} role="alert">
        {t("limited")}
      </p>
    );
  else if (invalid)
    body = (
      <p className={styles.error} role="alert">
        {t("invalid")}
      </p>
    );
  else if (!link.data)
    body = (
      <p role="status">
        <Spinner /> {t("checking")}
      </p>
    );
  else
    body = (
      <>
        <p>{t("lead", { email: link.data.email })}</p>
        {/* For password managers: the account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={link.data.email} readOnly hidden />
        {use.isError && !isApiError(use.error) && (
          <p className={styles.error} role="alert">
            {t("failed", { reason: use.error.message })}
          </p>
        )}
        <Field
          id="new-password"
          label={t("password")}
          hint={t("hint")}
          error={errors.password?.message}
          {...form.register("password")}
        />
        <Field
          id="confirm-password"
          label={t("confirm")}
          error={errors.confirm?.message}
          {...form.register("confirm")}
        />
        <button
          type="submit"
          className={styles.submit}
          disabled={isSubmitting || !hydrated}
          aria-busy={isSubmitting || undefined}
        >
          {isSubmitting && <Spinner />}
          {isSubmitting ? t("submitting") : t("submit")}
        </button>
      </>
    );

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={onSubmit} noValidate aria-labelledby="set-password-title">
        <h1 id="set-password-title" className={styles.title}>
          {t("title")}
        </h1>
        {body}
      </form>
      <LocaleSwitcher />
    </main>
  );
}

type FieldProps = ComponentProps<"input"> & { id: string; label: string; hint?: string; error?: string };

function Field({ id, label, hint, error, ...input }: FieldProps) {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        className={styles.input}
        {...errorAttributes(`${id}-error`, error, hint ? `${id}-hint` : undefined)}
        {...input}
      />
      {hint && <p id={`${id}-hint`}>{hint}</p>}
      <FieldError id={`${id}-error`} label={label} message={error} />
    </div>
  );
}
