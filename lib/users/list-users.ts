import "server-only";
import { db } from "@/lib/db/client";
import { toUserSummary, USER_ROW } from "@/lib/users/user-records";
import type { UserSummary } from "@/lib/validations/users";

/** Every user, ordered by id, with how many sessions each has open now (one query). */
export async function listUsers(): Promise<UserSummary[]> {
  const rows = await db.user.findMany({
    select: { ...USER_ROW, _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } } },
    orderBy: { id: "asc" },
  });
  return rows.map(({ _count, ...row }) => toUserSummary(row, _count.sessions));
}
