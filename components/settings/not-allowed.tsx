import styles from "./page-error.module.css";

export function NotAllowed({ section, role }: { section: string; role: string }) {
  return (
    <div className={styles.wrap} role="note">
      <h1 className={styles.title}>{section}</h1>
      <p>Your role ({role}) may not use this section. Ask a Super user if you need it.</p>
    </div>
  );
}
