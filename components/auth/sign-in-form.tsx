"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useEffect, useState, type ComponentProps, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "next-intl";
import { z } from "zod";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";
import { directorySignInSchema, signInSchema } from "@/lib/validations/user";
import {
  DIRECTORY_UNREACHABLE,
  PASSWORD_CHANGE_REQUIRED,
  SIGN_IN_BUSY,
  SIGN_IN_LIMITED,
} from "@/lib/auth/sign-in-errors";
import styles from "./sign-in-form.module.css";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import { Spinner } from "@/components/ui/spinner";
import { useHydrated } from "@/components/ui/use-hydrated";

// A correct initial password: `PasswordChangeRequired:<link secret>`; the user chooses their own first.
const CHANGE_PREFIX = `${PASSWORD_CHANGE_REQUIRED}:`;

type Failure = "refused" | "refusedDirectory" | "limited" | "unavailable" | "directoryUnreachable";

/** How one signs in: a directory account (LDAP / Active Directory) or a local account of this app. */
type Method = "directory" | "local";

// One shape for both forms: who (the local form's email, the directory form's login) and the password.
const schemas = {
  local: z.object({ user: signInSchema.shape.email, password: signInSchema.shape.password }),
  directory: z.object({ user: directorySignInSchema.shape.login, password: directorySignInSchema.shape.password }),
};
type Credentials = z.infer<(typeof schemas)["local"]>;

/**
 * `ldapForm`: the directory form is offered (LDAP_URL); `localForm`: the local one is (LOCAL_SIGN_IN not off);
 * `directory`: other ways to sign in, shown under the form (single sign-on's button).
 */
type Props = { callbackUrl: string; expired: boolean; ldapForm?: boolean; localForm?: boolean; directory?: ReactNode };

export function SignInForm({ callbackUrl, expired, ldapForm = false, localForm = true, directory }: Props) {
  const [method, setMethod] = useState<Method>(ldapForm ? "directory" : "local");
  const [switched, setSwitched] = useState(false);
  // Single sign-on alone (LOCAL_SIGN_IN=off, no LDAP): no form, only its button.
  if (!ldapForm && !localForm && directory) return <DirectoryOnly expired={expired}>{directory}</DirectoryOnly>;
  const other: Method | null = method === "directory" ? (localForm ? "local" : null) : ldapForm ? "directory" : null;
  // A new form for each method: its own fields, rules and messages.
  return (
    <MethodForm
      key={method}
      method={method}
      callbackUrl={callbackUrl}
      expired={expired}
      localOffered={localForm}
      focusFirst={switched}
      directory={directory}
      onSwitch={
        other
          ? () => {
              setMethod(other);
              setSwitched(true);
            }
          : null
      }
    />
  );
}

type MethodProps = {
  method: Method;
  callbackUrl: string;
  expired: boolean;
  localOffered: boolean;
  /** After a switch of method the switch button is gone: focus goes to the new form's first field. */
  focusFirst: boolean;
  onSwitch: (() => void) | null;
  directory: ReactNode;
};

function failureOf(method: Method, error: string | null | undefined, answered: boolean): Failure {
  if (!answered || error === SIGN_IN_BUSY) return "unavailable";
  if (error === SIGN_IN_LIMITED) return "limited";
  if (error === DIRECTORY_UNREACHABLE) return "directoryUnreachable";
  return method === "directory" ? "refusedDirectory" : "refused";
}

function MethodForm({ method, callbackUrl, expired, localOffered, focusFirst, onSwitch, directory }: MethodProps) {
  const t = useTranslations();
  // The submit waits for hydration (why: components/ui/use-hydrated.ts).
  const hydrated = useHydrated();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [leaving, setLeaving] = useState(false);
  const form = useForm<Credentials>({
    resolver: zodResolver(schemas[method]),
    mode: "onTouched",
    defaultValues: { user: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  useEffect(() => {
    if (focusFirst) form.setFocus("user");
  }, [focusFirst, form]);

  const onSubmit = form.handleSubmit(async ({ user, password }) => {
    setFailure(null);
    const fields = method === "directory" ? { login: user, password } : { email: user, password };
    const provider = method === "directory" ? "ldap" : "credentials";
    const result = await signIn(provider, { ...fields, redirect: false }).catch(() => undefined);
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
    setFailure(failureOf(method, result?.error, Boolean(result)));
    form.setFocus("password");
  });

  const busy = isSubmitting || leaving;
  const unreachable = localOffered ? "signIn.directoryUnreachableLocal" : "signIn.directoryUnreachable";
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
        {(method === "directory" || onSwitch) && (
          <p className={styles.hint}>{t(method === "directory" ? "signIn.directoryHint" : "signIn.localHint")}</p>
        )}
        {expired && !failure && (
          <p className={styles.note} role="status">
            {t("signIn.expired")}
          </p>
        )}
        {failure && (
          <p className={styles.error} role="alert">
            <span aria-hidden="true">⚠ </span>
            {t(failure === "directoryUnreachable" ? unreachable : `signIn.${failure}`)}
          </p>
        )}
        <Field
          id={method === "directory" ? "login" : "email"}
          label={t(method === "directory" ? "signIn.login" : "signIn.email")}
          type={method === "directory" ? "text" : "email"}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          error={errors.user?.message}
          {...form.register("user")}
        />
        <Field
          id="password"
          label={t("signIn.password")}
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
        <button type="submit" className={styles.submit} disabled={busy || !hydrated} aria-busy={busy || undefined}>
          {busy && <Spinner />}
          {busy ? t("signIn.submitting") : t("signIn.submit")}
        </button>
        {onSwitch && (
          <button type="button" className={styles.switch} onClick={onSwitch} disabled={busy}>
            {t(method === "directory" ? "signIn.useLocal" : "signIn.useDirectory")}
          </button>
        )}
        {directory}
      </form>
      <LocaleSwitcher />
    </main>
  );
}

function DirectoryOnly({ expired, children }: { expired: boolean; children: ReactNode }) {
  const t = useTranslations();
  return (
    <main className={styles.page}>
      <section className={styles.card} aria-labelledby="signin-title">
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            ⚙
          </span>
          {t("common.appName")}
        </div>
        <h1 id="signin-title" className={styles.title}>
          {t("signIn.title")}
        </h1>
        {expired && (
          <p className={styles.note} role="status">
            {t("signIn.expired")}
          </p>
        )}
        {children}
      </section>
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
