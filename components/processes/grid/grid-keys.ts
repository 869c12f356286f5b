import type { FieldName } from "../model/row-entry";

/**
 * What a key does in the table, as a spreadsheet would (WAI-ARIA grid pattern): a cell is either being
 * navigated (arrows move between cells, typing starts an edit) or edited (arrows move the caret). Pure:
 * the table applies the answer. Keys are matched by `code` where a letter is involved, so shortcuts work on
 * every keyboard layout (Ctrl+S is KeyS on a Russian layout, whose `key` is "ы").
 */
export type GridKey = {
  key: string;
  code: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  editing: boolean;
  field: FieldName;
};

export type GridAction =
  | { kind: "move"; rows: number | "first" | "last" | "pageUp" | "pageDown"; field: FieldName }
  /** Enter or F2 on a cell being navigated: edit it, caret at the end. */
  | { kind: "edit" }
  /** Enter while editing: the entry stands; go to the cell below. */
  | { kind: "commit-down"; field: FieldName }
  /** Escape while editing: back to the value before this edit. */
  | { kind: "cancel" }
  /** Escape on a cell being navigated: back to the saved value. */
  | { kind: "revert" }
  | { kind: "save-row" }
  /** A character or deletion on a cell being navigated: it becomes an edit, the key is typed. */
  | { kind: "start-typing" };

export function gridAction({ key, code, ctrl, shift, alt, editing, field }: GridKey): GridAction | null {
  if (ctrl && key === "Enter") return { kind: "save-row" };
  if (key === "Escape") return editing ? { kind: "cancel" } : { kind: "revert" };
  if (key === "Enter") {
    // A comment takes newlines: Shift+Enter or Alt+Enter, as in a spreadsheet cell.
    if (field === "comment" && (shift || alt)) return editing ? null : { kind: "edit" };
    return editing ? { kind: "commit-down", field } : { kind: "edit" };
  }
  if (key === "F2" && !editing) return { kind: "edit" };
  if (editing) return null;
  if (ctrl && key === "Home") return { kind: "move", rows: "first", field: "name" };
  if (ctrl && key === "End") return { kind: "move", rows: "last", field: "comment" };
  if (ctrl || alt) return null;
  switch (key) {
    case "ArrowUp":
      return { kind: "move", rows: -1, field };
    case "ArrowDown":
      return { kind: "move", rows: 1, field };
    // Two editable columns: left is the name, right the comment.
    case "ArrowLeft":
      return { kind: "move", rows: 0, field: "name" };
    case "ArrowRight":
      return { kind: "move", rows: 0, field: "comment" };
    case "Home":
      return { kind: "move", rows: 0, field: "name" };
    case "End":
      return { kind: "move", rows: 0, field: "comment" };
    case "PageUp":
      return { kind: "move", rows: "pageUp", field };
    case "PageDown":
      return { kind: "move", rows: "pageDown", field };
    case "Backspace":
    case "Delete":
      return { kind: "start-typing" };
  }
  return key.length === 1 || (code.startsWith("Key") && key.length <= 2) ? { kind: "start-typing" } : null;
}

/** Ctrl/Cmd with a letter key, by physical key: "s" on any layout. */
export function shortcut(event: { code: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }) {
  if (!(event.ctrlKey || event.metaKey) || !event.code.startsWith("Key")) return null;
  return { letter: event.code.slice(3).toLowerCase(), shift: event.shiftKey };
}
