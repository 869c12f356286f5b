import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditSection } from "@/components/audit/audit-section";
import { NotAllowed } from "@/components/settings/not-allowed";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { requireUser } from "@/lib/auth/session-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("audit") };
}

const PATH = "/settings/audit";

// The events load in the browser (GET /api/v1/audit), page by page as the filters ask.
export default async function AuditPage() {
  const user = await requireUser(PATH);
  const allowed = SETTINGS_SECTIONS.find((s) => s.href === PATH)!.roles.includes(user.role);
  if (!allowed) return <NotAllowed section={(await getTranslations("shell.sections"))("audit")} role={user.role} />;
  return <AuditSection />;
}
