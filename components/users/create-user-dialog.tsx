"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { useNotify } from "@/components/feedback/toaster";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import { useRoleName } from "@/components/ui/use-role-name";
import { ROLES } from "@/lib/auth/roles";
import { isApiError } from "@/lib/query/api-error";
import { useCreateUser } from "@/lib/query/users";
import { userAddFormSchema, type PasswordLink, type UserAddForm } from "@/lib/validations/users";
import { Modal } from "./modal";
import styles from "./users.module.css";

type Props = { onClose: () => void; onLink: (created: { email: string; link: PasswordLink }) => void };
const FIELDS = ["email", "name", "role", "password"] as const;

export function CreateUserDialog({ onClose, onLink }: Props) {
  const t = useTranslations("users");
  const roleName = useRoleName();
  const notify = useNotify();
  const create = useCreateUser();
  const form = useForm<UserAddForm>({
    resolver: zodResolver(userAddFormSchema),
    mode: "onTouched",
    defaultValues: { email: "", name: "", role: "User", setup: "link", password: "" },
  });
  const { errors } = form.formState;
  const setup = useWatch({ control: form.control, name: "setup" });

  const onSubmit = form.handleSubmit(async ({ email, name, role, setup: how, password }) => {
    try {
      const body = { email, name, role, ...(how === "password" ? { password } : {}) };
      const { user, link } = await create.mutateAsync(body);
      notify("success", t("created", { email: user.email }));
      if (link) onLink({ email: user.email, link });
      onClose();
    } catch (error) {
      for (const e of isApiError(error) ? (error.problem.errors ?? []) : []) {
        const field = FIELDS.find((f) => `/${f}` === e.pointer);
        if (field) form.setError(field, { type: "server", message: e.detail });
      }
      notify("error", t("notCreated", { reason: error instanceof Error ? error.message : "?" }));
    }
  });

  const text = (id: (typeof FIELDS)[number], label: string, type = "text", autoComplete = "off") => (
    <div className={styles.field}>
      <label htmlFor={`user-${id}`}>{label}</label>
      <input
        id={`user-${id}`}
        type={type}
        autoComplete={autoComplete}
        className={styles.input}
        {...errorAttributes(`user-${id}-error`, errors[id]?.message)}
        {...form.register(id)}
      />
      <FieldError id={`user-${id}-error`} label={label} message={errors[id]?.message} />
    </div>
  );

  return (
    <Modal labelledBy="create-user-title" onClose={onClose}>
      <form className={styles.dialogBody} onSubmit={onSubmit} noValidate>
        <h2 id="create-user-title" className={styles.dialogTitle}>
          {t("createTitle")}
        </h2>
        {text("email", t("email"), "email")}
        {text("name", t("name"))}
        <div className={styles.field}>
          <label htmlFor="user-role">{t("role")}</label>
          <select id="user-role" className={styles.input} {...form.register("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t("setup")}</legend>
          <label className={styles.radio}>
            <input type="radio" value="link" {...form.register("setup")} />
            {t("setupLink")}
          </label>
          <label className={styles.radio}>
            <input type="radio" value="password" {...form.register("setup")} />
            {t("setupPassword")}
          </label>
        </fieldset>
        {setup === "password" && text("password", t("initialPassword"), "password", "new-password")}
        <div className={styles.row}>
          <button
            type="submit"
            className={`${styles.button} ${styles.primary}`}
            disabled={create.isPending}
            aria-busy={create.isPending || undefined}
          >
            {create.isPending ? t("creating") : t("create")}
          </button>
          <button type="button" className={styles.button} onClick={onClose}>
            {t("cancel")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
