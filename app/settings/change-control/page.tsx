import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PolicyForm } from "@/components/change-control/policy-form";
import styles from "@/components/change-control/change-control.module.css";
import { NotAllowed } from "@/components/settings/not-allowed";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { requireUser } from "@/lib/auth/session-user";
import { readChangeControl } from "@/lib/change-control/policy";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("changeControl") };
}

const PATH = "/settings/change-control";

export default async function ChangeControlPage() {
  const user = await requireUser(PATH);
  const allowed = SETTINGS_SECTIONS.find((s) => s.href === PATH)!.roles.includes(user.role);
  const t = await getTranslations("changeControl");
  if (!allowed)
    return <NotAllowed section={(await getTranslations("shell.sections"))("changeControl")} role={user.role} />;
  return (
    <div className={styles.page}>
      <header>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.subtitle}>{t("subtitle")}</p>
      </header>
      <PolicyForm initial={await readChangeControl()} />
    </div>
  );
}
