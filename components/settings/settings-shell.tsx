import type { ReactNode } from "react";
import type { Role } from "@/lib/auth/roles";
import { NavLinks } from "./nav-links";
import { sectionsFor } from "./sections";
import styles from "./settings-shell.module.css";
import { SignOutButton } from "./sign-out-button";

type Props = { user: { email: string; role: Role }; children: ReactNode };

export function SettingsShell({ user, children }: Props) {
  return (
    <div className={styles.shell}>
      <aside className={styles.sidebar}>
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            ⚙
          </span>
          <span>Plant settings</span>
        </div>
        <NavLinks sections={sectionsFor(user.role).map(({ href, label }) => ({ href, label }))} />
        <a href="/docs/api" className={styles.navLink}>
          API reference
        </a>
        <div className={styles.user}>
          <div className={styles.userText}>
            <span className={styles.email} title={user.email}>
              {user.email}
            </span>
            <span className={styles.role}>{user.role}</span>
          </div>
          <SignOutButton />
        </div>
      </aside>
      <main className={styles.main}>{children}</main>
    </div>
  );
}
