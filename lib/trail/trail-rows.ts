import "server-only";
import { db } from "@/lib/db/client";
import type { TrailExportFilter } from "@/lib/validations/trail-export";

// The history rows an export holds (lib/trail/trail-csv.ts, trail-html.ts), oldest first, read a page at a time.

export type TrailRow = {
  id: number;
  processId: number;
  kind: string;
  version: number;
  name: string;
  comment: string;
  previousName: string | null;
  previousComment: string | null;
  changedAt: Date;
  actorType: string;
  actorId: number | null;
  actorName: string | null;
  requestId: string | null;
  hash: string | null;
  prevHash: string | null;
};

/**
 * Columns the change-control branch adds to history rows (reason, signature manifestation: signer's full name,
 * signed at with its time zone, meaning) are exported from here: CHANGE-CONTROL, list them in
 * lib/trail/trail-columns.ts and select them below.
 */
export async function listTrailRows(options: {
  filter: TrailExportFilter;
  after: number;
  limit: number;
}): Promise<TrailRow[]> {
  const { filter, after, limit } = options;
  return db.processChange.findMany({
    where: {
      id: { gt: after },
      ...(filter.processId !== undefined ? { processId: filter.processId } : {}),
      ...(filter.from || filter.to
        ? {
            changedAt: {
              ...(filter.from ? { gte: new Date(filter.from) } : {}),
              ...(filter.to ? { lt: new Date(filter.to) } : {}),
            },
          }
        : {}),
    },
    orderBy: { id: "asc" },
    take: limit,
  });
}
