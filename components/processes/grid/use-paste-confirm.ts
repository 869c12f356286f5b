"use client";
// What a paste of a range tells the operator before it happens: how rows and columns were matched (by
// position, by an id column, by a header row), what is left out, and how many cells land; afterwards a toast.
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useNotify } from "@/components/feedback/toaster";
import { headerNames, PASTE_ASK_CELLS, type PasteLeftOut, type PastePlan } from "./paste-range";

/** Up to this many left-out items are named in the question; the rest are counted. */
const NAMED = 10;

export function usePasteConfirm() {
  const t = useTranslations("table");
  const tp = useTranslations("tablePaste");
  const notify = useNotify();
  const names = useMemo(() => headerNames([{ id: t("id"), name: t("name"), comment: t("comment") }]), [t]);

  const leftOutText = (item: PasteLeftOut) =>
    item.kind === "unknownId"
      ? tp("unknownId", { id: item.id })
      : item.kind === "column"
        ? tp("column", { name: item.name })
        : item.kind === "pastEnd"
          ? tp("pastEnd", { rows: item.rows })
          : tp("pastLastColumn", { cells: item.cells });

  /** The question asked before the paste; false leaves everything as it was. */
  const confirmPaste = (plan: PastePlan): boolean => {
    const mapped = plan.mapping !== "position";
    const others = plan.leftOut.filter((item) => item.kind !== "pastEnd");
    if (mapped || others.length > 0) {
      const listed = plan.leftOut.slice(0, NAMED).map(leftOutText);
      if (plan.leftOut.length > NAMED) listed.push(tp("more", { count: plan.leftOut.length - NAMED }));
      const question = [
        mapped ? tp(plan.mapping === "id" ? "byId" : "byHeader") : null,
        listed.length > 0 ? `${tp("leftOut")} ${listed.join("; ")}.` : null,
        tp("ask", { cells: plan.cells, rows: plan.edits.length }),
      ];
      if (!window.confirm(question.filter(Boolean).join("\n"))) return false;
    } else {
      if (plan.rowsPastEnd > 0 && !window.confirm(t("pastePastEnd", { count: plan.rowsPastEnd }))) return false;
      if (plan.cells > PASTE_ASK_CELLS && !window.confirm(t("pasteMany", { count: plan.cells }))) return false;
    }
    const pasted = t("pasted", { cells: plan.cells, rows: plan.edits.length });
    notify("info", mapped ? `${pasted} ${tp(plan.mapping === "id" ? "pastedById" : "pastedByHeader")}` : pasted);
    return true;
  };

  return { confirmPaste, headerNames: names };
}
