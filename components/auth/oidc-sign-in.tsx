"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc/constants";
import type { OidcSignInError } from "@/lib/auth/oidc/sign-in-errors";
import styles from "./oidc-sign-in.module.css";

type Props = {
  /** OIDC_DISPLAY_NAME: the button reads "Sign in with {name}"; null: "single sign-on" in the page's language. */
  displayName: string | null;
  callbackUrl: string;
  /** Why the last sign-in through the provider came back refused (the page's `?error=`). */
  error: OidcSignInError | null;
  /** The only way to sign in (no form above it): no "or". */
  alone: boolean;
};

/** The "Sign in with …" button of single sign-on: next-auth sends the browser to the provider. */
export function OidcSignIn({ displayName, callbackUrl, error, alone }: Props) {
  const t = useTranslations("signIn.oidc");
  const name = displayName ?? t("defaultName");
  const [leaving, setLeaving] = useState(false);
  const onClick = () => {
    setLeaving(true);
    void signIn(OIDC_PROVIDER_ID, { callbackUrl }).catch(() => setLeaving(false));
  };
  return (
    <div className={styles.block}>
      {!alone && <div className={styles.divider}>{t("or")}</div>}
      {error && (
        <p className={styles.error} role="alert">
          <span aria-hidden="true">⚠ </span>
          {t(`errors.${error}`, { name })}
        </p>
      )}
      <button type="button" className={styles.button} onClick={onClick} disabled={leaving} aria-busy={leaving}>
        {leaving && <Spinner />}
        {t("button", { name })}
      </button>
    </div>
  );
}
