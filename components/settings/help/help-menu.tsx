import { getTranslations } from "next-intl/server";
import styles from "./help-menu.module.css";

/**
 * Help, out of the operators' way: a disclosure (no script needed) holding the API reference, which is for the
 * plant systems' integrators, opened in a new tab so the page being worked on stays where it is.
 */
export async function HelpMenu() {
  const t = await getTranslations("help");
  return (
    <details className={styles.help}>
      <summary className={styles.summary}>{t("menu")}</summary>
      <a href="/docs/api" target="_blank" rel="noopener" className={styles.link}>
        {t("apiReference")}
        <span className={styles.note}>{t("forIntegrators")}</span>
        <span className="visually-hidden"> {t("newTab")}</span>
        <span aria-hidden="true"> ↗</span>
      </a>
    </details>
  );
}
