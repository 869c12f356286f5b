"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { RowConflict } from "../model/row-entry";
import type { ProcessFields } from "@/lib/validations/process";
import styles from "./conflict-panel.module.css";

type Props = {
  id: number;
  conflict: RowConflict;
  mine: ProcessFields;
  onResolve: (choice: "mine" | "theirs") => void;
};

/**
 * Both sides changed the same field: their value and mine per field, who changed it and when, and the two
 * ways out. Spans the row (a grid cell of its own) so long values stay readable.
 */
export function ConflictPanel({ id, conflict, mine, onResolve }: Props) {
  const t = useTranslations("live");
  const table = useTranslations("table");
  const format = useFormatter();
  const who = conflict.by ?? t("someone");
  const when = conflict.at
    ? format.dateTime(new Date(conflict.at), { dateStyle: "medium", timeStyle: "medium" })
    : null;
  const labelId = `conflict-${id}`;
  const show = (value: string) => (value === "" ? <em>{t("empty")}</em> : value);
  return (
    <div role="gridcell" aria-colspan={5} className={styles.cell}>
      <section role="group" aria-labelledby={labelId} className={styles.panel}>
        <p id={labelId} className={styles.title}>
          <span aria-hidden="true">⚠ </span>
          {t("conflictLabel", { id })}. {when ? t("conflictBy", { who, when }) : t("conflictByUnknownTime", { who })}
        </p>
        <dl className={styles.fields}>
          {conflict.fields.map((field) => (
            <div key={field} className={styles.field}>
              <dt>{table(field)}</dt>
              <dd>
                <span className={styles.side}>{t("theirs")}:</span>{" "}
                <span data-side="theirs">{show(conflict.theirs[field])}</span>
              </dd>
              <dd>
                <span className={styles.side}>{t("mine")}:</span> <span data-side="mine">{show(mine[field])}</span>
              </dd>
            </div>
          ))}
        </dl>
        <div className={styles.actions}>
          <button type="button" className={`${styles.button} ${styles.primary}`} onClick={() => onResolve("mine")}>
            {t("keepMine")}
          </button>
          <button type="button" className={styles.button} onClick={() => onResolve("theirs")}>
            {t("takeTheirs")}
          </button>
        </div>
      </section>
    </div>
  );
}
