import "server-only";
import { db } from "@/lib/db/client";
import { databaseProvider } from "@/lib/env";
import type { AuditEventView, AuditFilter, AuditPage } from "@/lib/validations/audit";

type AuditRow = {
  id: number;
  at: Date;
  action: string;
  actorType: string;
  actorId: number | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  ip: string | null;
  requestId: string | null;
  detail: string;
};

function parseDetail(text: string): AuditEventView["detail"] {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as AuditEventView["detail"]) : {};
  } catch {
    return {};
  }
}

export function toAuditEvent(row: AuditRow): AuditEventView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    actor: { type: row.actorType, id: row.actorId === null ? null : String(row.actorId), name: row.actorName },
    target: row.targetType === null ? null : { type: row.targetType, id: row.targetId, name: row.targetName },
    ip: row.ip,
    requestId: row.requestId,
    detail: parseDetail(row.detail),
  };
}

// PostgreSQL compares case-sensitively unless told; SQLite's LIKE ignores ASCII case already (and knows no mode).
const INSENSITIVE = (databaseProvider === "postgresql" ? { mode: "insensitive" } : {}) as Record<string, never>;

function whereOf(filter: AuditFilter, cursor?: number) {
  const person = filter.person;
  return {
    ...(cursor !== undefined ? { id: { lt: cursor } } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to
      ? {
          at: {
            ...(filter.from ? { gte: new Date(filter.from) } : {}),
            ...(filter.to ? { lt: new Date(filter.to) } : {}),
          },
        }
      : {}),
    ...(person
      ? {
          OR: [
            { actorName: { contains: person, ...INSENSITIVE } },
            { targetName: { contains: person, ...INSENSITIVE } },
          ],
        }
      : {}),
  };
}

/**
 * Security events, newest first, that match the filter: by person (part of the actor's or target's email or
 * name), action and time range. Keyset paging by id: `cursor` is the previous page's `nextCursor`.
 */
export async function listAuditEvents(options: AuditFilter & { cursor?: number; limit: number }): Promise<AuditPage> {
  const rows = await db.auditEvent.findMany({
    where: whereOf(options, options.cursor),
    orderBy: { id: "desc" },
    // One more than asked tells whether another page follows, without a count.
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const more = rows.length > options.limit;
  return { events: page.map(toAuditEvent), nextCursor: more ? String(page[page.length - 1]!.id) : null };
}
