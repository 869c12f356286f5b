"use client";

// Grid keys and paste: the table's keyboard as a spreadsheet's (grid-keys.ts, pure), the page's shortcuts,
// and pasting a range of cells (paste-range.ts).

import type { Virtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent, type RefObject } from "react";
import type { EditStore } from "../editing/edit-store";
import { gridAction } from "./grid-keys";
import { useCellRange } from "./use-cell-range";
import { parseRange, planPaste, type PasteColumn, type PastePlan } from "./paste-range";
import type { TableRow } from "../model/table-row";
import type { FieldName } from "../model/row-entry";

type Cell = { id: number; field: FieldName };
type Editing = Cell & { start: string };
type Field = HTMLInputElement | HTMLTextAreaElement;

type Options = {
  rows: TableRow[];
  indexById: Map<number, number>;
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Keeps the target row rendered (the table pins the focused row and its neighbours). */
  pinRow: (id: number) => void;
  store: EditStore;
  saveRow: (id: number) => void;
  /** Asked before a paste is applied; false leaves everything as it was. */
  confirmPaste: (plan: PastePlan) => boolean;
  /** The column names a pasted header row may use. */
  headerNames: Map<string, PasteColumn>;
};

const cellOf = (target: EventTarget | null): (Cell & { element: Field }) | null => {
  const element = target as Field | null;
  if (!element?.dataset) return null;
  const field = element.dataset.field;
  const id = element.closest<HTMLElement>("[data-id]")?.dataset.id;
  if ((field !== "name" && field !== "comment") || id === undefined) return null;
  return { id: Number(id), field, element };
};

const setEditing = (element: Field, on: boolean) => {
  if (on) element.dataset.editing = "true";
  else delete element.dataset.editing;
};

/**
 * Spreadsheet keys over the virtualized rows: moves focus between the name and comment cells (rendering the
 * target row first, at any distance), edits and commits as a spreadsheet does. Decisions in grid-keys.ts.
 */
export function useGridKeys({
  rows,
  indexById,
  scrollRef,
  virtualizer,
  pinRow,
  store,
  saveRow,
  confirmPaste,
  headerNames,
}: Options) {
  const editing = useRef<Editing | null>(null);
  const pointing = useRef(false);
  const lastCell = useRef<Cell | null>(null);
  const [target, setTarget] = useState<(Cell & { seq: number }) | null>(null);

  // The row is rendered by now (pinned); focus lands on it and selects it, as a spreadsheet highlights a cell.
  useLayoutEffect(() => {
    if (!target) return;
    const element = scrollRef.current?.querySelector<Field>(`[data-id="${target.id}"] [data-field="${target.field}"]`);
    if (!element) return;
    element.focus();
    element.select();
  }, [target, scrollRef]);

  const focusCell = (id: number, field: FieldName) => {
    const index = indexById.get(id);
    if (index === undefined) return;
    pinRow(id);
    virtualizer.scrollToIndex(index, { align: "auto" });
    setTarget((old) => ({ id, field, seq: (old?.seq ?? 0) + 1 }));
  };

  /** The nearest editable row `step` rows from `from` (gone rows have no cells), clamped to the list. */
  const rowAt = (from: number, step: number): number | undefined => {
    const clamp = (i: number) => Math.max(0, Math.min(rows.length - 1, i));
    const direction = step < 0 ? -1 : 1;
    for (let i = clamp(from + step); i >= 0 && i < rows.length; i += direction) {
      if (!rows[i]?.gone) return rows[i]?.process.id;
    }
    return undefined;
  };

  const cellRange = useCellRange({ rows, indexById, scrollRef, virtualizer, store, rowAt });

  const pageRows = () => {
    const height = scrollRef.current?.clientHeight ?? 0;
    const rowHeight = virtualizer.options.estimateSize(0);
    return Math.max(1, Math.floor(height / rowHeight) - 1);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    const { id, field, element } = cell;
    const isEditing = editing.current?.id === id && editing.current.field === field;
    const key = { key: event.key, code: event.code, ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey };
    if (!isEditing && cellRange.onKey({ ...key, alt: event.altKey }, { id, field })) {
      event.preventDefault();
      return;
    }
    const action = gridAction({
      key: event.key,
      code: event.code,
      ctrl: event.ctrlKey || event.metaKey,
      shift: event.shiftKey,
      alt: event.altKey,
      editing: isEditing,
      field,
    });
    if (!action) return;
    if (cellRange.range && action.kind !== "save-row") cellRange.clear();
    const process = rows[indexById.get(id) ?? -1]?.process;
    if (!process) return;
    const saved = { name: process.name, comment: process.comment, version: process.version };
    const index = indexById.get(id) ?? 0;

    switch (action.kind) {
      case "start-typing":
        editing.current = { id, field, start: element.value };
        setEditing(element, true);
        return; // the key itself is typed by the browser
      case "edit": {
        event.preventDefault();
        editing.current = { id, field, start: element.value };
        setEditing(element, true);
        const end = element.value.length;
        element.setSelectionRange(end, end);
        return;
      }
      case "cancel":
        event.preventDefault();
        store.editRow(id, saved, { [field]: editing.current?.start ?? saved[field] });
        stopEditing(element);
        return;
      case "revert":
        event.preventDefault();
        store.editRow(id, saved, { [field]: saved[field] });
        return;
      case "save-row":
        event.preventDefault();
        stopEditing(element);
        saveRow(id);
        return;
      case "commit-down": {
        event.preventDefault();
        stopEditing(element);
        const next = rowAt(index, 1);
        if (next !== undefined && next !== id) focusCell(next, action.field);
        else element.select();
        return;
      }
      case "move": {
        event.preventDefault();
        const rowsBy = action.rows;
        const next =
          rowsBy === "first"
            ? rowAt(-1, 1)
            : rowsBy === "last"
              ? rowAt(rows.length, -1)
              : rowsBy === "pageUp"
                ? rowAt(index, -pageRows())
                : rowsBy === "pageDown"
                  ? rowAt(index, pageRows())
                  : rowsBy === 0
                    ? id
                    : rowAt(index, rowsBy);
        focusCell(next ?? id, action.field);
        return;
      }
    }
  };

  function stopEditing(element: Field) {
    editing.current = null;
    setEditing(element, false);
  }

  /** A click into a cell edits it (the caret goes where the pointer put it); leaving a cell ends the edit. */
  const onPointerDown = (event: { target: EventTarget | null; shiftKey?: boolean }) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    // Shift+click: the block from the cell last worked in to this one; the cell is not edited.
    if (event.shiftKey && lastCell.current) {
      cellRange.extendTo(lastCell.current, { id: cell.id, field: cell.field });
      return;
    }
    if (cellRange.range) cellRange.clear();
    pointing.current = true;
    editing.current = { id: cell.id, field: cell.field, start: cell.element.value };
    setEditing(cell.element, true);
  };
  /** Reached without the pointer (Tab, a move, a script): the cell is selected, so typing replaces it. */
  const onFocus = (event: { target: EventTarget | null; relatedTarget?: EventTarget | null }) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    // Back in the grid from elsewhere (a toolbar button, the filter): the block selected before is over.
    if (cellRange.range && !cellOf(event.relatedTarget ?? null)) cellRange.clear();
    lastCell.current = { id: cell.id, field: cell.field };
    if (!pointing.current) cell.element.select();
    pointing.current = false;
  };
  /** Back to the cell last worked in (after Save all, whose button disables itself), or the first one. */
  const focusLastCell = () => {
    const cell = lastCell.current ?? (rows[0] && { id: rows[0].process.id, field: "name" as const });
    if (cell) focusCell(cell.id, cell.field);
  };
  const onBlur = (event: { target: EventTarget | null }) => {
    const cell = cellOf(event.target);
    if (cell && editing.current?.id === cell.id && editing.current.field === cell.field) stopEditing(cell.element);
  };

  /**
   * A spreadsheet range pasted onto a selected cell fills rows down and columns across (or by id and header,
   * paste-range.ts), as one step. In a cell being edited the paste is the text field's own: at the caret.
   */
  const onPaste = (event: ClipboardEvent) => {
    const cell = cellOf(event.target);
    if (!cell || (editing.current?.id === cell.id && editing.current.field === cell.field)) return;
    const range = parseRange(event.clipboardData.getData("text/plain"));
    if (!range) return;
    event.preventDefault();
    const plan = planPaste(rows, indexById.get(cell.id) ?? 0, cell.field, range, headerNames);
    if (!confirmPaste(plan)) return;
    stopEditing(cell.element);
    store.edit(plan.edits);
    cell.element.select();
  };

  /** Ctrl+C with a block selected (and no cell being edited): the block as TSV. */
  const onCopy = (event: ClipboardEvent) => {
    const cell = cellOf(event.target);
    if (cell) cellRange.onCopy(event, editing.current?.id === cell.id && editing.current.field === cell.field);
  };

  return { onKeyDown, onPointerDown, onFocus, onBlur, onPaste, onCopy, focusLastCell, focusCell };
}
