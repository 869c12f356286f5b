"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useUsers } from "@/lib/query/users";
import { USER_STATUSES, type PasswordLink, type UserStatus } from "@/lib/validations/users";
import { CreateUserDialog } from "./create-user-dialog";
import { NewLink } from "./new-link";
import { shownUsers, type UserSort } from "./shown-users";
import { UsersTable } from "./users-table";
import styles from "./users.module.css";

/** The users page (Super users): filter and sort, add, and each user's actions. */
export function UsersSection({ selfId }: { selfId: number }) {
  const t = useTranslations("users");
  const { data: users = [] } = useUsers();
  const [creating, setCreating] = useState(false);
  const [link, setLink] = useState<{ email: string; link: PasswordLink } | null>(null);
  const [text, setText] = useState("");
  const [status, setStatus] = useState<UserStatus | "all">("all");
  const [sort, setSort] = useState<UserSort>({ key: "email", dir: "asc" });
  const shown = shownUsers(users, { text, status }, sort);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>{t("title")}</h1>
          <p className={styles.subtitle}>{t("subtitle")}</p>
        </div>
        <button type="button" className={`${styles.button} ${styles.primary}`} onClick={() => setCreating(true)}>
          {t("add")}
        </button>
      </header>
      {link && <NewLink email={link.email} link={link.link} onDone={() => setLink(null)} />}
      <div className={styles.controls}>
        <div className={styles.field}>
          <label htmlFor="users-filter">{t("filter")}</label>
          <input
            id="users-filter"
            type="search"
            className={styles.input}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="users-status">{t("statusFilter")}</label>
          <select
            id="users-status"
            className={styles.input}
            value={status}
            onChange={(e) => setStatus(e.target.value as UserStatus | "all")}
          >
            <option value="all">{t("all")}</option>
            {USER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <p className={styles.muted} role="status">
          {t("shown", { shown: shown.length, count: users.length })}
        </p>
      </div>
      <UsersTable users={shown} selfId={selfId} sort={sort} onSort={setSort} onLink={setLink} />
      {shown.length === 0 && <p className={styles.muted}>{users.length === 0 ? t("empty") : t("noMatch")}</p>}
      {creating && <CreateUserDialog onClose={() => setCreating(false)} onLink={setLink} />}
    </div>
  );
}
