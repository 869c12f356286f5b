import type { UserStatus, UserSummary } from "@/lib/validations/users";

// Which users the table shows, in which order: a pure function of the list and the controls.

export type UserSortKey = "email" | "name" | "role" | "lastSignInAt" | "openSessions";
export type UserSort = { key: UserSortKey; dir: "asc" | "desc" };
export type UserFilter = { text: string; status: UserStatus | "all" };

const ROLE_ORDER = { User: 0, "Advanced user": 1, "Super user": 2 } as const;

function compare(a: UserSummary, b: UserSummary, key: UserSortKey): number {
  switch (key) {
    case "role":
      return ROLE_ORDER[a.role] - ROLE_ORDER[b.role];
    case "openSessions":
      return a.openSessions - b.openSessions;
    case "lastSignInAt":
      return (a.lastSignInAt ?? "").localeCompare(b.lastSignInAt ?? "");
    default:
      return a[key].localeCompare(b[key]);
  }
}

export function shownUsers(users: UserSummary[], filter: UserFilter, sort: UserSort): UserSummary[] {
  const text = filter.text.trim().toLowerCase();
  const kept = users.filter(
    (u) =>
      (filter.status === "all" || u.status === filter.status) &&
      (!text || u.email.includes(text) || u.name.toLowerCase().includes(text)),
  );
  const sign = sort.dir === "asc" ? 1 : -1;
  return kept.sort((a, b) => sign * compare(a, b, sort.key) || a.id - b.id);
}
