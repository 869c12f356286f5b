"use client";

import { usePathname } from "next/navigation";
import styles from "./settings-shell.module.css";

type Props = { label: string; sections: { href: string; label: string }[] };

export function NavLinks({ label, sections }: Props) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={styles.nav}>
      <ul>
        {sections.map((s) => {
          const current = pathname === s.href || pathname.startsWith(`${s.href}/`);
          return (
            <li key={s.href}>
              {/* A plain link on purpose: leaving unloads the page, so the unsaved-edits prompt always applies. */}
              <a href={s.href} aria-current={current ? "page" : undefined} className={styles.navLink}>
                {s.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
