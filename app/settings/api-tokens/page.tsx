import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TokensSection } from "@/components/tokens/tokens-section";
import { NotAllowed } from "@/components/settings/not-allowed";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { listTokens } from "@/lib/tokens/tokens";
import { getQueryClient } from "@/lib/query/query-client";
import { tokenKeys } from "@/lib/query/tokens";
import { requireUser } from "@/lib/auth/session-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("apiTokens") };
}

const PATH = "/settings/api-tokens";

export default async function ApiTokensPage() {
  const user = await requireUser(PATH);
  const allowed = SETTINGS_SECTIONS.find((s) => s.href === PATH)!.roles.includes(user.role);
  if (!allowed) return <NotAllowed section={(await getTranslations("shell.sections"))("apiTokens")} role={user.role} />;
  const client = getQueryClient();
  client.setQueryData(tokenKeys.list(), await listTokens());
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <TokensSection />
    </HydrationBoundary>
  );
}
