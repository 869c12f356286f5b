import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProcessListSeed } from "@/components/processes/process-list-seed";
import { ProcessesEditor } from "@/components/processes/processes-editor";
import { API_ROUTES } from "@/lib/api/routes";
import type { Role } from "@/lib/auth/roles";
import { listProcessesJson } from "@/lib/processes/list-processes";
import { requireUser } from "@/lib/auth/session-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("processes") };
}

const WRITERS: readonly Role[] = API_ROUTES["PUT /api/v1/processes"];

/** The list's JSON text and when it was read (newer data wins in the client's cache). */
async function readList(): Promise<{ json: string; readAt: number }> {
  const { body } = await listProcessesJson();
  return { json: body, readAt: Date.now() };
}

export default async function ProcessesPage() {
  const user = await requireUser("/settings/processes");
  // Prefetched here so the first paint already shows the table. The cached JSON text, not objects: at 10,000
  // rows React's serializing and reviving them cost about a quarter of the render (docs/decisions/019).
  // The plain list, without last changes: the browser fetches it again with them right after hydration
  // (note 018: embedding them would make the page two thirds larger and delay the editable table).
  const { json, readAt } = await readList();
  // This page's own saves are recorded as this user's: the "last changed" column shows them so at once.
  const actor = { type: "user" as const, id: user.id, name: user.email };
  return (
    <ProcessListSeed json={json} renderedAt={readAt} actor={actor}>
      <ProcessesEditor canWrite={WRITERS.includes(user.role)} role={user.role} />
    </ProcessListSeed>
  );
}
