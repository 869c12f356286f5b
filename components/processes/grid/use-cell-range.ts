"use client";
// The selected block of cells (cell-range.ts) in the table: Shift+arrows and Shift+click extend it from the
// cell it started at, Ctrl+A takes every shown row; Ctrl+C copies it as TSV, Ctrl+D fills down, Delete clears
// its comments. Cells in it carry `data-selected` (set on the rendered rows only: the list is virtualized).
import type { Virtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useLayoutEffect, useState, type ClipboardEvent, type RefObject } from "react";
import { useNotify } from "@/components/feedback/toaster";
import type { EditStore } from "../editing/edit-store";
import { blockOf, blockTsv, clearCommentEdits, fillDownEdits, isBlock, type Cell, type CellRange } from "./cell-range";
import type { TableRow } from "../model/table-row";
import type { FieldName } from "../model/row-entry";

type Options = {
  rows: TableRow[];
  indexById: Map<number, number>;
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  store: EditStore;
  /** The nearest editable row `step` rows from an index. */
  rowAt: (from: number, step: number) => number | undefined;
};

type Key = { key: string; code: string; ctrl: boolean; shift: boolean; alt: boolean };

export function useCellRange({ rows, indexById, scrollRef, virtualizer, store, rowAt }: Options) {
  const t = useTranslations("tableRange");
  const notify = useNotify();
  const [range, setRange] = useState<CellRange | null>(null);
  const block = range ? blockOf(rows, range, indexById) : null;
  const selected = block && isBlock(block) ? block : null;

  // After every render of the table (scrolling renders other rows): mark the rendered cells of the block.
  useLayoutEffect(() => {
    const ids = selected && new Set(selected.rows.map((r) => r.process.id));
    scrollRef.current?.querySelectorAll<HTMLElement>("[data-field]").forEach((element) => {
      const id = Number(element.closest<HTMLElement>("[data-id]")?.dataset.id);
      const on = ids?.has(id) && selected!.fields.includes(element.dataset.field as FieldName);
      if (on) element.dataset.selected = "true";
      else delete element.dataset.selected;
    });
  });

  const extendTo = (from: Cell, focus: Cell) => {
    setRange((old) => ({ anchor: old?.anchor ?? from, focus }));
    const index = indexById.get(focus.id);
    if (index !== undefined) virtualizer.scrollToIndex(index, { align: "auto" });
  };

  /** A key on a cell that is not being edited; true when the block took it. */
  const onKey = (key: Key, cell: Cell): boolean => {
    const focus = range?.focus ?? cell;
    const index = indexById.get(focus.id) ?? 0;
    if (key.shift && !key.ctrl && !key.alt) {
      const next =
        key.key === "ArrowUp" || key.key === "ArrowDown"
          ? { id: rowAt(index, key.key === "ArrowUp" ? -1 : 1) ?? focus.id, field: focus.field }
          : key.key === "ArrowLeft" || key.key === "ArrowRight"
            ? { id: focus.id, field: (key.key === "ArrowLeft" ? "name" : "comment") as FieldName }
            : null;
      if (next) extendTo(cell, next);
      return next !== null;
    }
    if (key.ctrl && !key.alt && !key.shift && key.code === "KeyA") {
      const first = rows.find((r) => !r.gone);
      const last = rows.findLast((r) => !r.gone);
      if (first && last)
        setRange({ anchor: { id: first.process.id, field: "name" }, focus: { id: last.process.id, field: "comment" } });
      return true;
    }
    if (key.ctrl && !key.alt && !key.shift && key.code === "KeyD") {
      // One cell: the cell above is copied into it, as in a spreadsheet.
      const above = rowAt(indexById.get(cell.id) ?? 0, -1);
      const fill =
        selected ?? blockOf(rows, { anchor: { id: above ?? cell.id, field: cell.field }, focus: cell }, indexById);
      const edits = fillDownEdits(fill, store.getRow);
      if (edits.length > 0) {
        store.edit(edits);
        notify("info", t("filled", { rows: edits.length }));
      }
      return true;
    }
    if ((key.key === "Delete" || key.key === "Backspace") && !key.ctrl && !key.alt && selected) {
      store.edit(clearCommentEdits(selected));
      if (selected.fields.includes("name"))
        notify("info", t(selected.fields.includes("comment") ? "namesKept" : "namesRequired"));
      return true;
    }
    return false;
  };

  /** Ctrl+C on a cell not being edited, with a block selected: the block as TSV. */
  const onCopy = (event: ClipboardEvent, editing: boolean) => {
    if (editing || !selected) return;
    event.preventDefault();
    event.clipboardData.setData("text/plain", blockTsv(selected, store.getRow));
    notify("info", t("copied", { cells: selected.rows.length * selected.fields.length }));
  };

  return { range, onKey, onCopy, extendTo, clear: () => setRange(null) };
}
