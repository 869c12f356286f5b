"use client";

import styles from "@/components/settings/page-error.module.css";

/** A page that could not load its data (the database down at render time, most often). */
export default function SettingsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className={styles.wrap} role="alert">
      <h1 className={styles.title}>This page could not be loaded</h1>
      <p>The database may be unavailable. Nothing was changed. Try again in a moment.</p>
      <button type="button" className={styles.button} onClick={reset}>
        Try again
      </button>
    </div>
  );
}
