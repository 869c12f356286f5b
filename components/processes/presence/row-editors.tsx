"use client";

import { useTranslations } from "next-intl";
import { initialsOf } from "./initials";
import { useRowEditors } from "./presence-context";
import styles from "./presence.module.css";

/** Who else is editing this row now: a pencil and their initials; the names on hover and for screen readers. */
export function RowEditors({ id }: { id: number }) {
  const t = useTranslations("presence");
  const names = useRowEditors(id);
  if (names.length === 0) return null;
  const text = t("editingNow", { names: names.join(", ") });
  return (
    <span className={styles.editors} title={text} data-presence="editors">
      <span aria-hidden="true">✎</span>
      {names.map((name) => (
        <span key={name} className={styles.badge} aria-hidden="true">
          {initialsOf(name)}
        </span>
      ))}
      <span className="visually-hidden">{text}</span>
    </span>
  );
}
