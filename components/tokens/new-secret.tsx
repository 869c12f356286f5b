"use client";

import { useEffect, useRef, useState } from "react";
import styles from "./tokens.module.css";

/** The secret, shown once: the server keeps only its hash. */
export function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const copy = async () => {
    await navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div ref={ref} tabIndex={-1} className={styles.secretPanel} role="region" aria-label={`Secret of token ${name}`}>
      <p>
        <strong>Token “{name}” created.</strong> Copy its secret now: it is shown only this once.
      </p>
      <code className={styles.secret} data-testid="new-token-secret">
        {secret}
      </code>
      <div className={styles.row}>
        <button type="button" className={styles.button} onClick={copy}>
          {copied ? "Copied ✓" : "Copy secret"}
        </button>
        <button type="button" className={styles.button} onClick={onDone}>
          I have stored it
        </button>
      </div>
    </div>
  );
}
