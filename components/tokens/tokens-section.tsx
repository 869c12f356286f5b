"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CreateTokenForm } from "./create-token-form";
import { NewSecret } from "./new-secret";
import { TokensTable } from "./tokens-table";
import styles from "./tokens.module.css";

export function TokensSection() {
  const t = useTranslations("tokens");
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return (
    <div className={styles.page}>
      <header>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.subtitle}>{t("subtitle")}</p>
      </header>
      {created && <NewSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} />}
      <CreateTokenForm onCreated={setCreated} />
      <TokensTable />
    </div>
  );
}
