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
  reason: string | null;
  signerName: string | null;
  signedAt: Date | null;
  signerTimeZone: string | null;
  signatureMeaning: string | null;
  hash: string | null;
  prevHash: string | null;
};

/** The rows of an export, oldest first, with the reason and signature manifestation of change control. */
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
