import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProcessesEditor } from "@/components/processes/processes-editor";
import { API_ROUTES } from "@/lib/api/routes";
import type { Role } from "@/lib/auth/roles";
import { listProcesses } from "@/lib/processes/list-processes";
import { processKeys } from "@/lib/query/processes";
import { getQueryClient } from "@/lib/query/query-client";
import { requireUser } from "@/lib/auth/session-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("processes") };
}

const WRITERS: readonly Role[] = API_ROUTES["PUT /api/v1/processes"];

export default async function ProcessesPage() {
  const user = await requireUser("/settings/processes");
  // Prefetched here so the first paint already shows the table; the client cache starts from this list.
  const client = getQueryClient();
  // The plain list, marked stale: the browser fetches it again with each item's last change right after
  // hydration. Embedding the changes here would make the list in the page two thirds larger (110 more bytes
  // per item) and delay the editable table (note 018); until they arrive the column shows updatedAt alone.
  client.setQueryData(processKeys.list(), await listProcesses(), { updatedAt: 0 });
  // This page's own saves are recorded as this user's: the "last changed" column shows them so at once.
  client.setQueryData(processKeys.actor(), { type: "user", id: user.id, name: user.email });
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <ProcessesEditor canWrite={WRITERS.includes(user.role)} role={user.role} />
    </HydrationBoundary>
  );
}
