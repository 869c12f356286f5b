import "server-only";
import { db } from "@/lib/db/client";
import type { PresencePerson } from "@/lib/validations/presence";

// The open processes pages, one row each (table presence_pages), shared by every instance through the database.
// A page renews its row every RENEW_MS and counts while seen within TTL_MS (docs/decisions/030-presence.md).

export const RENEW_MS = 5_000;
export const TTL_MS = 8_000;
/** Rows this much older than the TTL are removed (a page that left without saying so). */
const KEEP_MS = 60_000;

/** Records that a page is open now, and the rows it edits. */
export async function touchPresencePage(options: {
  userId: number;
  pageId: string;
  editing: readonly number[];
  now?: Date;
}): Promise<void> {
  const { userId, pageId, now = new Date() } = options;
  const editing = [...options.editing].sort((a, b) => a - b).join(",");
  await db.presencePage.upsert({
    where: { userId_pageId: { userId, pageId } },
    create: { userId, pageId, editing, seenAt: now },
    update: { editing, seenAt: now },
  });
}

/** A page that leaves (closed, navigated away): gone at once instead of after the TTL. */
export async function leavePresencePage(options: { userId: number; pageId: string }): Promise<void> {
  await db.presencePage.deleteMany({ where: { userId: options.userId, pageId: options.pageId } });
}

/** Everyone with a page seen within the TTL, by name then id, each with the rows their pages edit. */
export async function listPresentPeople(options: { now?: Date } = {}): Promise<PresencePerson[]> {
  const now = options.now ?? new Date();
  const pages = await db.presencePage.findMany({
    where: { seenAt: { gt: new Date(now.getTime() - TTL_MS) } },
    select: { userId: true, editing: true },
  });
  if (pages.length === 0) return [];
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(pages.map((p) => p.userId))] }, disabled: false },
    select: { id: true, name: true, email: true },
  });
  const people = new Map<number, PresencePerson>();
  for (const user of users)
    people.set(user.id, { userId: user.id, name: user.name || user.email, pages: 0, editing: [] });
  for (const page of pages) {
    const person = people.get(page.userId);
    if (!person) continue;
    person.pages++;
    for (const id of page.editing.split(",")) if (id) person.editing.push(Number(id));
  }
  return [...people.values()]
    .map((p) => ({ ...p, editing: [...new Set(p.editing)].sort((a, b) => a - b) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId - b.userId);
}

/** Removes the rows of pages long gone; returns how many. */
export async function prunePresencePages(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const { count } = await db.presencePage.deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  return count;
}
