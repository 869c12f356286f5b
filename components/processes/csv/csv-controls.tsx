"use client";

// CSV: export of the shown rows, and import shown in a preview before any of it becomes an edit (csv-format.ts
// writes and reads the file, csv-import.ts turns it into edits).

import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useNotify } from "@/components/feedback/toaster";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import { delimiterFor, parseCsv, toCsv } from "./csv-format";
import { planImport } from "./csv-import";
import type { EditStore } from "../editing/edit-store";
import { ImportPreviewDialog, type ImportPreview } from "./import-preview-dialog";
import type { TableRow } from "../model/table-row";
import styles from "../toolbar.module.css";

type Props = {
  /** The rows shown (after the filter and "Show"), in their order. */
  rows: readonly TableRow[];
  /** Every process, in id order. */
  processes: readonly ProcessListingItem[];
  store: EditStore;
  readOnly: boolean;
  narrowed: boolean;
};

/** The rows as the table shows them (an unsaved edit included): what the operator sees is what is exported. */
function shownValues(processes: readonly ProcessListingItem[], store: EditStore) {
  return processes.map((p) => {
    const draft = store.getRow(p.id)?.draft;
    return { id: p.id, name: draft?.name ?? p.name, comment: draft?.comment ?? p.comment };
  });
}

function download(text: string, file: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: file });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Export of the shown rows or all of them as CSV, and import of such a file through a preview. */
export function CsvControls({ rows, processes, store, readOnly, narrowed }: Props) {
  const t = useTranslations("csv");
  const locale = useLocale();
  const notify = useNotify();
  const fileRef = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);

  const exportRows = (list: readonly ProcessListingItem[]) => {
    const file = `processes-${new Date().toISOString().slice(0, 10)}.csv`;
    download(toCsv(shownValues(list, store), delimiterFor(locale)), file);
    notify("info", t("exported", { count: list.length, file }));
  };

  const onFile = async (file: File | undefined) => {
    if (fileRef.current) fileRef.current.value = "";
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setPreview({ file: file.name, problem: "unreadable" });
      return;
    }
    const read = parseCsv(text);
    setPreview(
      read.ok
        ? { file: file.name, plan: planImport(read.records, processes, store) }
        : { file: file.name, problem: read.problem, detail: read.detail },
    );
  };

  return (
    <div className={styles.filter}>
      {narrowed && (
        <button
          type="button"
          className={styles.button}
          title={t("exportShownTitle", { count: rows.length })}
          onClick={() => exportRows(rows.map((r) => r.process))}
        >
          {t("exportShown")}
        </button>
      )}
      <button
        type="button"
        className={styles.button}
        title={t("exportAllTitle", { count: processes.length })}
        onClick={() => exportRows(processes)}
      >
        {t("exportAll")}
      </button>
      {!readOnly && (
        <>
          <button type="button" className={styles.button} onClick={() => fileRef.current?.click()}>
            {t("import")}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-label={t("fileLabel")}
            className="visually-hidden"
            tabIndex={-1}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </>
      )}
      {preview && <ImportPreviewDialog preview={preview} store={store} onClose={() => setPreview(null)} />}
    </div>
  );
}
