"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInSchema, type SignIn } from "@/lib/validations/user";
import styles from "./sign-in-form.module.css";
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
  const form = useForm<SignIn>({ resolver: zodResolver(signInSchema), mode: "onTouched", defaultValues: { email: "", password: "" } });
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
          <span className={styles.logo} aria-hidden="true">⚙</span>
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
        <div className={styles.field}>
          <label htmlFor="email">Email</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            className={styles.input}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
            {...form.register("email")}
          />
          {errors.email && (
            <p id="email-error" className={styles.fieldError}>
              {errors.email.message}
            </p>
          )}
        </div>
        <div className={styles.field}>
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            className={styles.input}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "password-error" : undefined}
            {...form.register("password")}
          />
          {errors.password && (
            <p id="password-error" className={styles.fieldError}>
              {errors.password.message}
            </p>
          )}
        </div>
        <button type="submit" className={styles.submit} disabled={busy} aria-busy={busy || undefined}>
          {busy && <Spinner />}
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
