"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRoleName } from "@/components/ui/use-role-name";
import type { PasswordLink, UserSummary } from "@/lib/validations/users";
import type { UserSort, UserSortKey } from "./shown-users";
import { UserActions } from "./user-actions";
import { ApproverToggle } from "./approver-toggle";
import { RoleCell } from "./role-cell";
import styles from "./users.module.css";

type Props = {
  users: UserSummary[];
  selfId: number;
  sort: UserSort;
  onSort: (sort: UserSort) => void;
  onLink: (created: { email: string; link: PasswordLink }) => void;
};

const SORTABLE: [UserSortKey, "email" | "name" | "role" | "lastSignIn" | "sessions"][] = [
  ["email", "email"],
  ["name", "name"],
  ["role", "role"],
];

export function UsersTable({ users, selfId, sort, onSort, onLink }: Props) {
  const t = useTranslations("users");
  const format = useFormatter();
  const roleName = useRoleName();
  const date = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("never");

  const header = (key: UserSortKey, label: string) => {
    const current = sort.key === key;
    const next = current && sort.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={current ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
        <button type="button" className={styles.sortButton} onClick={() => onSort({ key, dir: next })}>
          {label}
          {current ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
        </button>
      </th>
    );
  };

  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            {SORTABLE.map(([key, column]) => header(key, t(`columns.${column}`)))}
            <th scope="col">{t("columns.source")}</th>
            <th scope="col">{t("columns.status")}</th>
            {header("lastSignInAt", t("columns.lastSignIn"))}
            {header("openSessions", t("columns.sessions"))}
            <th scope="col">{t("columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                {user.email} {user.id === selfId && <span className={styles.muted}>{t("you")}</span>}
              </th>
              <td>{user.name}</td>
              <td>
                <RoleCell user={user} self={user.id === selfId} label={roleName(user.role)} />{" "}
                <ApproverToggle user={user} />
              </td>
              <td>{t(`source.${user.source}`)}</td>
              <td className={user.status === "disabled" ? styles.danger : undefined}>{t(`status.${user.status}`)}</td>
              <td>{date(user.lastSignInAt)}</td>
              <td>{user.openSessions}</td>
              <td>
                <UserActions user={user} self={user.id === selfId} onLink={onLink} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
