"use client";

import { useNotify } from "@/components/feedback/toaster";
import { useRevokeToken, useTokens } from "@/lib/query/tokens";
import type { TokenSummary } from "@/lib/validations/token";
import styles from "./tokens.module.css";

const date = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "Never";

// A CSS module class is typed as possibly missing; className={undefined} just renders no class.
function status(t: TokenSummary): { text: string; tone: string | undefined } {
  if (t.revokedAt) return { text: `✕ Revoked ${date(t.revokedAt)}`, tone: styles.revoked };
  if (Date.parse(t.expiresAt) <= Date.now()) return { text: "⚠ Expired", tone: styles.expired };
  return { text: "✓ Active", tone: styles.active };
}

export function TokensTable() {
  const { data: tokens = [] } = useTokens();
  const revoke = useRevokeToken();
  const notify = useNotify();

  const onRevoke = (t: TokenSummary) => {
    if (!window.confirm(`Revoke the token “${t.name}”? Clients using it stop working at once.`)) return;
    revoke.mutate(t.id, {
      onSuccess: () => notify("success", `Token “${t.name}” revoked.`),
      onError: (error) => notify("error", `Token “${t.name}” was not revoked: ${error.message}`),
    });
  };

  if (tokens.length === 0) return <p className={styles.empty}>No API tokens yet.</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => {
            const s = status(t);
            const pending = revoke.isPending && revoke.variables === t.id;
            return (
              <tr key={t.id}>
                <th scope="row">{t.name}</th>
                <td>{t.role}</td>
                <td>{date(t.createdAt)}</td>
                <td>{date(t.expiresAt)}</td>
                <td>{date(t.lastUsedAt)}</td>
                <td className={s.tone}>{s.text}</td>
                <td className={styles.actions}>
                  {!t.revokedAt && (
                    <button
                      type="button"
                      className={styles.button}
                      onClick={() => onRevoke(t)}
                      disabled={pending}
                      aria-label={`Revoke token ${t.name}`}
                    >
                      {pending ? "Revoking…" : "Revoke"}
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
