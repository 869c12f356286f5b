import "server-only";
import { db } from "@/lib/db/client";
import { IN_LIST_MAX } from "@/lib/db/in-list";

// Which items of a write would change something: those whose process is missing or holds other values. Only
// the write budget's refusal path asks (a write within the budget never pays for this read).

export async function listDifferingItems<T extends { id: number; name: string; comment: string }>(options: {
  items: readonly T[];
}): Promise<T[]> {
  const stored = new Map<number, { name: string; comment: string }>();
  for (let at = 0; at < options.items.length; at += IN_LIST_MAX) {
    const ids = options.items.slice(at, at + IN_LIST_MAX).map((item) => item.id);
    const rows = await db.process.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, comment: true },
    });
    for (const row of rows) stored.set(row.id, row);
  }
  return options.items.filter((item) => {
    const row = stored.get(item.id);
    return !row || row.name !== item.name || row.comment !== item.comment;
  });
}
