"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState, type ComponentProps } from "react";
import { useForm } from "react-hook-form";
import { signInSchema, type SignIn } from "@/lib/validations/user";
import styles from "./sign-in-form.module.css";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import { Spinner } from "@/components/ui/spinner";

// The error names lib/auth/auth-options.ts gives next-auth (that module is server-only, so not imported here).
const LIMITED = "TooManyAttempts";

const MESSAGES = {
  refused: "Email or password is incorrect.",
  limited: "Too many sign-in attempts. Wait a few minutes, then try again.",
  unavailable: "Signing in is not possible right now. Try again in a moment.",
} as const;

type Props = { callbackUrl: string; expired: boolean };

export function SignInForm({ callbackUrl, expired }: Props) {
  const [failure, setFailure] = useState<keyof typeof MESSAGES | null>(null);
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
    setFailure(!result ? "unavailable" : result.error === LIMITED ? "limited" : "refused");
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
          Plant settings
        </div>
        <h1 id="signin-title" className={styles.title}>
          Sign in
        </h1>
        {expired && !failure && (
          <p className={styles.note} role="status">
            Your session ended. Sign in again to continue; your unsaved edits are kept.
          </p>
        )}
        {failure && (
          <p className={styles.error} role="alert">
            <span aria-hidden="true">⚠ </span>
            {MESSAGES[failure]}
          </p>
        )}
        <Field
          id="email"
          label="Email"
          type="email"
          autoComplete="username"
          error={errors.email?.message}
          {...form.register("email")}
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
        <button type="submit" className={styles.submit} disabled={busy} aria-busy={busy || undefined}>
          {busy && <Spinner />}
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
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
