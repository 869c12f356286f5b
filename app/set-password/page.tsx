import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SetPasswordForm } from "@/components/auth/set-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("setPassword"), referrer: "no-referrer" };
}

/** Public: the one-time link's secret is in the address's fragment (`#…`), which only the browser reads. */
export default function SetPasswordPage() {
  return <SetPasswordForm />;
}
