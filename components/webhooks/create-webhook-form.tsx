"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { useNotify } from "@/components/feedback/toaster";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import { isApiError } from "@/lib/query/api-error";
import { useCreateWebhook } from "@/lib/query/webhooks";
import { WEBHOOK_KINDS } from "@/lib/validations/webhook";
import { toWebhookCreate, webhookFormSchema, type WebhookForm } from "./webhook-form-schema";
import styles from "@/components/tokens/tokens.module.css";
import { useHydrated } from "@/components/ui/use-hydrated";

type Props = { onCreated: (created: { url: string; secret: string }) => void };

export function CreateWebhookForm({ onCreated }: Props) {
  const t = useTranslations("webhooks");
  // The submit waits for hydration (why: components/ui/use-hydrated.ts).
  const hydrated = useHydrated();
  const notify = useNotify();
  const create = useCreateWebhook();
  const form = useForm<WebhookForm>({
    resolver: zodResolver(webhookFormSchema),
    mode: "onTouched",
    defaultValues: { url: "", processIds: "", kinds: [...WEBHOOK_KINDS], batch: false },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { webhook, secret } = await create.mutateAsync(toWebhookCreate(webhookFormSchema.parse(values)));
      form.reset();
      onCreated({ url: webhook.url, secret });
      notify("success", t("created", { url: webhook.url }));
    } catch (error) {
      for (const e of isApiError(error) ? (error.problem.errors ?? []) : []) {
        const field = e.pointer.split("/")[1];
        if (field === "url" || field === "processIds" || field === "kinds")
          form.setError(field, { type: "server", message: e.detail });
      }
      notify("error", t("notCreated", { reason: error instanceof Error ? error.message : t("unexpected") }));
    }
  });

  return (
    <form className={styles.card} onSubmit={onSubmit} noValidate aria-labelledby="create-webhook-title">
      <h2 id="create-webhook-title" className={styles.cardTitle}>
        {t("createTitle")}
      </h2>
      <div className={styles.formGrid}>
        <div className={styles.field}>
          <label htmlFor="webhook-url">{t("url")}</label>
          <input
            id="webhook-url"
            type="url"
            className={styles.input}
            {...errorAttributes("webhook-url-error", errors.url?.message, "webhook-url-hint")}
            {...form.register("url")}
          />
          <p id="webhook-url-hint" className={styles.hint}>
            {t("urlHint")}
          </p>
          <FieldError id="webhook-url-error" label={t("url")} message={errors.url?.message} />
        </div>
        <div className={styles.field}>
          <label htmlFor="webhook-processes">{t("processes")}</label>
          <input
            id="webhook-processes"
            className={styles.input}
            {...errorAttributes("webhook-processes-error", errors.processIds?.message, "webhook-processes-hint")}
            {...form.register("processIds")}
          />
          <p id="webhook-processes-hint" className={styles.hint}>
            {t("processesHint")}
          </p>
          <FieldError id="webhook-processes-error" label={t("processes")} message={errors.processIds?.message} />
        </div>
        <fieldset className={styles.field} aria-describedby={errors.kinds ? "webhook-kinds-error" : undefined}>
          <legend>{t("kinds")}</legend>
          {WEBHOOK_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" value={kind} {...form.register("kinds")} /> {t(`kind.${kind}`)}
            </label>
          ))}
          <FieldError id="webhook-kinds-error" label={t("kinds")} message={errors.kinds?.message} />
        </fieldset>
        <div className={styles.field}>
          <label>
            <input type="checkbox" {...form.register("batch")} /> {t("batch")}
          </label>
          <p className={styles.hint}>{t("batchHint")}</p>
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
