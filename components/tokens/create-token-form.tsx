"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { useRoleName } from "@/components/ui/use-role-name";
import { useNotify } from "@/components/feedback/toaster";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import { ROLES } from "@/lib/auth/roles";
import { isApiError } from "@/lib/query/api-error";
import { useCreateToken } from "@/lib/query/tokens";
import { daysToSeconds, DEFAULT_DAYS, MAX_DAYS, tokenFormSchema, type TokenForm } from "./token-form-schema";
import styles from "./tokens.module.css";
import { useHydrated } from "@/components/ui/use-hydrated";

type Props = { onCreated: (created: { name: string; secret: string }) => void };

export function CreateTokenForm({ onCreated }: Props) {
  const t = useTranslations("tokens");
  // The submit waits for hydration (why: components/ui/use-hydrated.ts).
  const hydrated = useHydrated();
  const roleName = useRoleName();
  const notify = useNotify();
  const create = useCreateToken();
  const form = useForm<TokenForm>({
    resolver: zodResolver(tokenFormSchema),
    mode: "onTouched",
    defaultValues: { name: "", role: "User", expiresInDays: DEFAULT_DAYS, machineWriter: false },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ name, role, expiresInDays, machineWriter }) => {
    try {
      const { token, secret } = await create.mutateAsync({
        name,
        role,
        expiresInSeconds: daysToSeconds(expiresInDays),
        machineWriter,
      });
      form.reset();
      onCreated({ name: token.name, secret });
      notify("success", t("created", { name: token.name }));
    } catch (error) {
      for (const e of isApiError(error) ? (error.problem.errors ?? []) : []) {
        const field = e.pointer === "/expiresInSeconds" ? "expiresInDays" : e.pointer.slice(1);
        if (field === "name" || field === "role" || field === "expiresInDays")
          form.setError(field, { type: "server", message: e.detail });
      }
      notify("error", t("notCreated", { reason: error instanceof Error ? error.message : t("unexpected") }));
    }
  });

  return (
    <form className={styles.card} onSubmit={onSubmit} noValidate aria-labelledby="create-token-title">
      <h2 id="create-token-title" className={styles.cardTitle}>
        {t("createTitle")}
      </h2>
      <div className={styles.formGrid}>
        <div className={styles.field}>
          <label htmlFor="token-name">{t("name")}</label>
          <input
            id="token-name"
            className={styles.input}
            {...errorAttributes("token-name-error", errors.name?.message)}
            {...form.register("name")}
          />
          <FieldError id="token-name-error" label={t("name")} message={errors.name?.message} />
        </div>
        <div className={styles.field}>
          <label htmlFor="token-role">{t("role")}</label>
          <select id="token-role" className={styles.input} {...form.register("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="token-days">{t("expiresAfter")}</label>
          <input
            id="token-days"
            type="number"
            min={1}
            max={MAX_DAYS}
            className={styles.input}
            {...errorAttributes("token-days-error", errors.expiresInDays?.message, "token-days-hint")}
            {...form.register("expiresInDays", { valueAsNumber: true })}
          />
          <p id="token-days-hint" className={styles.hint}>
            {t("expiresHint", { max: MAX_DAYS })}
          </p>
          <FieldError id="token-days-error" label={t("expiry")} message={errors.expiresInDays?.message} />
        </div>
        <div className={styles.field}>
          <label>
            <input type="checkbox" aria-describedby="token-machine-hint" {...form.register("machineWriter")} />{" "}
            {t("machineWriter")}
          </label>
          <p id="token-machine-hint" className={styles.hint}>
            {t("machineWriterHint")}
          </p>
        </div>
        <button
          type="submit"
          className={`${styles.button} ${styles.primary}`}
          disabled={create.isPending || !hydrated}
          aria-busy={create.isPending || undefined}
        >
          {create.isPending ? t("creating") : t("create")}
        </button>
      </div>
    </form>
  );
}
