import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotAllowed } from "@/components/settings/not-allowed";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { UsersSection } from "@/components/users/users-section";
import { requireUser } from "@/lib/auth/session-user";
import { getQueryClient } from "@/lib/query/query-client";
import { userKeys } from "@/lib/query/users";
import { listUsers } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("users") };
}

const PATH = "/settings/users";

export default async function UsersPage() {
  const user = await requireUser(PATH);
  const allowed = SETTINGS_SECTIONS.find((s) => s.href === PATH)!.roles.includes(user.role);
  if (!allowed) return <NotAllowed section={(await getTranslations("shell.sections"))("users")} role={user.role} />;
  const client = getQueryClient();
  client.setQueryData(userKeys.list(), await listUsers());
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <UsersSection selfId={user.id} />
    </HydrationBoundary>
  );
}
