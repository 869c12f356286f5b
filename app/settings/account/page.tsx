import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountSection } from "@/components/account/account-section";
import { getAccount } from "@/lib/account/account";
import { listAccountSessions } from "@/lib/account/account-sessions";
import { currentSessionId, requireUser } from "@/lib/auth/session-user";
import { accountKeys } from "@/lib/query/account";
import { getQueryClient } from "@/lib/query/query-client";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("account") };
}

export default async function AccountPage() {
  const user = await requireUser("/settings/account");
  const client = getQueryClient();
  client.setQueryData(accountKeys.account(), await getAccount({ userId: user.id }));
  const sessions = await listAccountSessions({ userId: user.id, currentId: await currentSessionId() });
  client.setQueryData(accountKeys.sessions(), sessions);
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <AccountSection />
    </HydrationBoundary>
  );
}
