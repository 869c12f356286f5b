"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useNotify } from "@/components/feedback/toaster";
import { useRoleName } from "@/components/ui/use-role-name";
import { useRevokeToken, useTokens } from "@/lib/query/tokens";
import type { TokenSummary } from "@/lib/validations/token";
import styles from "./tokens.module.css";

type Text = ReturnType<typeof useTranslations<"tokens">>;

// A CSS module class is typed as possibly missing; className={undefined} just renders no class.
function status(token: TokenSummary, t: Text, date: (iso: string | null) => string) {
  if (token.revokedAt) return { text: t("revokedAt", { date: date(token.revokedAt) }), tone: styles.revoked };
  if (Date.parse(token.expiresAt) <= Date.now()) return { text: t("expired"), tone: styles.expired };
  return { text: t("active"), tone: styles.active };
}

export function TokensTable() {
  const { data: tokens = [] } = useTokens();
  const revoke = useRevokeToken();
  const notify = useNotify();
  const t = useTranslations("tokens");
  const format = useFormatter();
  const roleName = useRoleName();
  const date = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("never");

  const onRevoke = ({ id, name }: TokenSummary) => {
    if (!window.confirm(t("revokeConfirm", { name }))) return;
    revoke.mutate(id, {
      onSuccess: () => notify("success", t("revokedToast", { name })),
      onError: (error) => notify("error", t("notRevoked", { name, reason: error.message })),
    });
  };

  if (tokens.length === 0) return <p className={styles.empty}>{t("empty")}</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.name")}</th>
            <th scope="col">{t("columns.role")}</th>
            <th scope="col">{t("columns.created")}</th>
            <th scope="col">{t("columns.expires")}</th>
            <th scope="col">{t("columns.lastUsed")}</th>
            <th scope="col">{t("columns.status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const s = status(token, t, date);
            const pending = revoke.isPending && revoke.variables === token.id;
            return (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>
                  {roleName(token.role)}
                  {token.machineWriter && <> · {t("machineWriterShort")}</>}
                </td>
                <td>{date(token.createdAt)}</td>
                <td>{date(token.expiresAt)}</td>
                <td>{date(token.lastUsedAt)}</td>
                <td className={s.tone}>{s.text}</td>
                <td className={styles.actions}>
                  {!token.revokedAt && (
                    <button
                      type="button"
                      className={styles.button}
                      onClick={() => onRevoke(token)}
                      disabled={pending}
                      aria-label={t("revokeOf", { name: token.name })}
                    >
                      {pending ? t("revoking") : t("revoke")}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
