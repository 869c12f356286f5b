import "server-only";
import { createTranslator } from "next-intl";
import type { Caller } from "@/lib/auth/caller-type";
import type { Locale } from "@/lib/i18n/locale";
import type { TrailReportLabels } from "@/lib/trail/trail-html";
import type { Health } from "@/lib/validations/health";

// The printable report's words in its language, and the lines that depend on the request (who, the trail's state).

const CATALOGS = {
  ru: () => import("@/messages/ru.json"),
  en: () => import("@/messages/en.json"),
} satisfies Record<Locale, () => Promise<{ default: unknown }>>;

const COLUMNS = ["id", "processId", "kind", "version", "name", "comment", "previousName", "previousComment"] as const;
const MORE = ["changedAt", "actorType", "actorId", "actorName", "requestId", "hash"] as const;

export async function trailReportWords(locale: Locale, caller: Caller | null, trail: NonNullable<Health["trail"]>) {
  // The catalog of the report's own language (the request's configuration would load the person's).
  const messages = (await CATALOGS[locale]()).default;
  const t = createTranslator({ locale, messages, namespace: "trailReport" });
  const labels: TrailReportLabels = {
    title: t("title"),
    process: t("process"),
    allProcesses: t("allProcesses"),
    period: t("period"),
    whole: t("whole"),
    generated: t("generated"),
    by: t("by"),
    trail: t("trail"),
    printHint: t("printHint"),
    total: t.raw("total") as string,
    empty: t("empty"),
    columns: Object.fromEntries([...COLUMNS, ...MORE].map((key) => [key, t(`columns.${key}`)])),
    kinds: { created: t("kinds.created"), updated: t("kinds.updated"), deleted: t("kinds.deleted") },
    actors: {
      user: t("actors.user"),
      token: t("actors.token"),
      system: t("actors.system"),
      unknown: t("actors.unknown"),
    },
  };
  const checkedAt = trail.checkedAt ?? "";
  const trailState =
    trail.status === "intact"
      ? t("trailIntact", { checkedAt })
      : trail.status === "broken"
        ? t("trailBroken", {
            checkedAt,
            chain: trail.break?.chain ?? "",
            id: String(trail.break?.id ?? "–"),
            problem: trail.break?.problem ?? "",
          })
        : t("trailUnchecked");
  const who =
    caller === null ? "" : caller.kind === "session" ? caller.email : `${t("actors.token")} ${caller.tokenName}`;
  return { labels, trailState, caller: who };
}
