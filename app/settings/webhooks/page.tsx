import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WebhooksSection } from "@/components/webhooks/webhooks-section";
import { NotAllowed } from "@/components/settings/not-allowed";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { listWebhooks } from "@/lib/webhooks/webhooks";
import { getQueryClient } from "@/lib/query/query-client";
import { webhookKeys } from "@/lib/query/webhooks";
import { requireUser } from "@/lib/auth/session-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("webhooks") };
}

const PATH = "/settings/webhooks";

export default async function WebhooksPage() {
  const user = await requireUser(PATH);
  const allowed = SETTINGS_SECTIONS.find((s) => s.href === PATH)!.roles.includes(user.role);
  if (!allowed) return <NotAllowed section={(await getTranslations("shell.sections"))("webhooks")} role={user.role} />;
  const client = getQueryClient();
  client.setQueryData(webhookKeys.list(), await listWebhooks());
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <WebhooksSection />
    </HydrationBoundary>
  );
}
