import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { Role } from "@/lib/auth/roles";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";
import { HelpMenu } from "./help/help-menu";
import { NavLinks } from "./nav-links";
import { ROLE_KEYS } from "@/components/ui/role-keys";
import { sectionsFor } from "./sections";
import styles from "./settings-shell.module.css";
import { SessionWatch } from "./session-watch";
import { SignOutButton } from "./sign-out-button";

type Props = { user: { email: string; role: Role }; children: ReactNode };

export async function SettingsShell({ user, children }: Props) {
  const t = await getTranslations();
  return (
    <div className={styles.shell}>
      <aside className={styles.sidebar}>
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            ⚙
          </span>
          <span>{t("common.appName")}</span>
        </div>
        <NavLinks
          label={t("shell.nav")}
          sections={sectionsFor(user.role).map(({ href, key }) => ({ href, label: t(`shell.sections.${key}`) }))}
        />
        <HelpMenu />
        <div className={styles.user}>
          <div className={styles.userText}>
            <span className={styles.email} title={user.email}>
              {user.email}
            </span>
            <span className={styles.role}>{t(`common.roles.${ROLE_KEYS[user.role]}`)}</span>
          </div>
          <SignOutButton />
        </div>
        <LocaleSwitcher />
      </aside>
      <main className={styles.main}>{children}</main>
      <SessionWatch role={user.role} />
    </div>
  );
}
