import styles from "./spinner.module.css";

/** Progress inside a button; the button's own text and aria-busy tell assistive technology. */
export function Spinner() {
  return <span className={styles.spinner} aria-hidden="true" />;
}
