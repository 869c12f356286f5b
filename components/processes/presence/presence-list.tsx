"use client";

import { useTranslations } from "next-intl";
import { initialsOf } from "./initials";
import { useOthersHere } from "./presence-context";
import styles from "./presence.module.css";

/** Who else has the list open: initials, the name on hover and for screen readers. Nothing when alone. */
export function PresenceList() {
  const t = useTranslations("presence");
  const others = useOthersHere();
  if (others.length === 0) return null;
  return (
    <div className={styles.here} data-presence="here">
      <span aria-hidden="true">{t("alsoHere")}:</span>
      <ul className={styles.people} aria-label={t("alsoHere")}>
        {others.map((person) => (
          <li key={person.userId}>
            <span className={styles.badge} title={person.name} aria-hidden="true">
              {initialsOf(person.name)}
            </span>
            <span className="visually-hidden">{person.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
