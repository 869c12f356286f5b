"use client";

import { useTranslations } from "next-intl";
import { DENSITIES, setDensity, useDensity, type Density } from "./density";
import styles from "../toolbar.module.css";

export function DensitySwitch() {
  const t = useTranslations("toolbar");
  const density = useDensity();
  return (
    <div className={styles.filter}>
      <label htmlFor="process-density" className={styles.label}>
        {t("density")}
      </label>
      <select
        id="process-density"
        className={styles.select}
        value={density}
        onChange={(e) => setDensity(e.target.value as Density)}
      >
        {DENSITIES.map((d) => (
          <option key={d} value={d}>
            {t(d)}
          </option>
        ))}
      </select>
    </div>
  );
}
