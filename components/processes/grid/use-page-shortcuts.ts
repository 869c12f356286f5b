import { useEffect, useEffectEvent } from "react";
import type { EditStore } from "../editing/edit-store";
import { shortcut } from "./grid-keys";

type Options = {
  store: EditStore;
  readOnly: boolean;
  /** Ctrl/Cmd+S. */
  saveAll: () => void;
  /** Ctrl/Cmd+Z with no edit left to undo: undo the newest save; false when there is none. */
  undoSave: () => boolean;
  /** Ctrl/Cmd+H: find and replace. */
  openReplace: () => void;
  /** Alt+H in a row: that row's history. */
  openHistory: (id: number) => void;
};

/**
 * The page's own shortcuts, anywhere on the page: undo/redo, Save all, a row's history. By physical key
 * (`KeyboardEvent.code`): on a Russian layout Ctrl+S arrives as key "ы", code "KeyS".
 */
export function usePageShortcuts(options: Options): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const { store, readOnly, saveAll, undoSave, openReplace, openHistory } = options;
    const keys = shortcut(event);
    // In a text field of its own (the filter) or a cell being edited, Ctrl+Z is the field's: its last typing,
    // not a grid step elsewhere (perhaps on a row the filter hides).
    const target = event.target instanceof HTMLElement ? event.target : null;
    const ownUndo =
      target?.matches("input, textarea, select") &&
      (target.dataset.field === undefined || target.dataset.editing === "true");
    if (!readOnly && !ownUndo && (keys?.letter === "z" || keys?.letter === "y")) {
      event.preventDefault();
      if (keys.letter === "y" || keys.shift) store.redo();
      else if (!store.undo()) undoSave();
    }
    // The row's History button is out of the Tab order: Alt+H reaches it from any of its cells.
    const rowOf = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>("[role=row][data-id]") : null;
    if (event.altKey && event.code === "KeyH" && rowOf) {
      event.preventDefault();
      openHistory(Number(rowOf.dataset.id));
    }
    if (keys?.letter === "h" && !keys.shift && !event.altKey) {
      event.preventDefault();
      if (!readOnly) openReplace();
    }
    if (keys?.letter === "s") {
      event.preventDefault();
      if (!readOnly) saveAll();
    }
  });
  useEffect(() => {
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
