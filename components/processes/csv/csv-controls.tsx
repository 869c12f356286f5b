"use client";

// CSV: export of the shown rows, and import shown in a preview before any of it becomes an edit (csv-format.ts
// writes and reads the file, csv-import.ts turns it into edits).

import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useNotify } from "@/components/feedback/toaster";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import type { CsvEncoding } from "./csv-encoding";
import { EXPORT_FORMATS, exportCsv, type ExportFormat } from "./csv-export";
import { delimiterFor } from "./csv-format";
import { planImport } from "./csv-import";
import { MAX_IMPORT_BYTES } from "./csv-read";
import { readCsvFile } from "./read-csv-file";
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

function download(bytes: Uint8Array, type: string, file: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
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

  const tFile = useTranslations("csvFile");
  const [format, setFormat] = useState<ExportFormat>("utf-8");
  // The bytes of the file in the preview, to read again in the encoding the operator picks.
  const fileBytes = useRef<{ file: string; bytes: Uint8Array } | null>(null);
  const reading = useRef(0);

  const exportRows = (list: readonly ProcessListingItem[]) => {
    const file = `processes-${new Date().toISOString().slice(0, 10)}.csv`;
    const result = exportCsv(shownValues(list, store), format, delimiterFor(locale));
    if (!result.ok) {
      const ids = result.ids.slice(0, 5).join(", ") + (result.ids.length > 5 ? "…" : "");
      notify(
        "error",
        tFile("unmappable", { chars: result.chars.slice(0, 5).join(" "), ids, count: result.ids.length }),
      );
      return;
    }
    download(result.bytes, result.type, file);
    notify("info", t("exported", { count: list.length, file }));
  };

  const read = async (file: string, bytes: Uint8Array, encoding?: CsvEncoding) => {
    const turn = ++reading.current;
    let result;
    try {
      result = await readCsvFile(bytes, encoding);
    } catch {
      if (turn === reading.current) setPreview({ file, problem: "unreadable" });
      return;
    }
    // A later pick of the encoding (or a later file) wins over a read still under way.
    if (turn !== reading.current) return;
    const { read: records, ...how } = result;
    setPreview(
      records.ok
        ? { file, ...how, plan: planImport(records.records, processes, store) }
        : { file, ...how, problem: records.problem, detail: records.detail },
    );
  };

  const onFile = async (file: File | undefined) => {
    if (fileRef.current) fileRef.current.value = "";
    if (!file) return;
    fileBytes.current = null;
    if (file.size > MAX_IMPORT_BYTES) {
      const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 });
      setPreview({ file: file.name, problem: "tooBig", detail: mb(file.size), limit: mb(MAX_IMPORT_BYTES) });
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      setPreview({ file: file.name, problem: "unreadable" });
      return;
    }
    fileBytes.current = { file: file.name, bytes };
    await read(file.name, bytes);
  };

  const onEncoding = (encoding: CsvEncoding) => {
    const current = fileBytes.current;
    if (current) void read(current.file, current.bytes, encoding);
  };

  const close = () => {
    reading.current++;
    fileBytes.current = null;
    setPreview(null);
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
      <label htmlFor="csv-export-format" className={styles.label}>
        {tFile("format")}
      </label>
      <select
        id="csv-export-format"
        className={styles.select}
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {tFile(`formats.${f}`, { delimiter: delimiterFor(locale) })}
          </option>
        ))}
      </select>
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
      {preview && <ImportPreviewDialog preview={preview} store={store} onEncoding={onEncoding} onClose={close} />}
    </div>
  );
}
