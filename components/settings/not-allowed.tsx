import { getTranslations } from "next-intl/server";
import type { Role } from "@/lib/auth/roles";
import { ROLE_KEYS } from "@/components/ui/role-keys";
import styles from "./page-error.module.css";

export async function NotAllowed({ section, role }: { section: string; role: Role }) {
  const t = await getTranslations();
  return (
    <div className={styles.wrap} role="note">
      <h1 className={styles.title}>{section}</h1>
      <p>{t("shell.notAllowed", { role: t(`common.roles.${ROLE_KEYS[role]}`) })}</p>
    </div>
  );
}
