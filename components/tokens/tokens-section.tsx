"use client";

import { useState } from "react";
import { CreateTokenForm } from "./create-token-form";
import { NewSecret } from "./new-secret";
import { TokensTable } from "./tokens-table";
import styles from "./tokens.module.css";

export function TokensSection() {
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return (
    <div className={styles.page}>
      <header>
        <h1 className={styles.title}>API tokens</h1>
        <p className={styles.subtitle}>Tokens let scripts and other systems call the API with a role of their own.</p>
      </header>
      {created && <NewSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} />}
      <CreateTokenForm onCreated={setCreated} />
      <TokensTable />
    </div>
  );
}
