"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { confirmLeave, leaveWithoutPrompt } from "@/components/leave-guard/leave-guard";
import styles from "./settings-shell.module.css";

export function SignOutButton() {
  const t = useTranslations("shell");
  const [pending, setPending] = useState(false);
  const onClick = () => {
    if (!confirmLeave(t("leavePrompt"))) return;
    leaveWithoutPrompt();
    setPending(true);
    void signOut({ callbackUrl: "/signin" });
  };
  return (
    <button type="button" className={styles.signOut} onClick={onClick} disabled={pending} aria-busy={pending}>
      {pending ? t("signingOut") : t("signOut")}
    </button>
  );
}
