"use client";

import { useMutationState } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import { isApiError } from "@/lib/query/api-error";
import { mutationInvolves, processKeys } from "@/lib/query/processes";
import type { EditStore } from "./edit-store";
import type { RowEntry } from "../model/row-entry";

export type EditorActions = {
  saveRow: (id: number) => void;
  discardRow: (id: number) => void;
  resolveConflict: (id: number, choice: "mine" | "theirs") => void;
  openHistory: (id: number) => void;
};
type EditorContextValue = { store: EditStore; actions: EditorActions };

// The value is created once per editor, so rows (memoized) never re-render because of it.
export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside the processes editor");
  return value;
}

/** This row's edits: re-renders when this row's entry changes, and only then. */
export function useRowEntry(store: EditStore, id: number): RowEntry | undefined {
  const subscribe = useCallback((listener: () => void) => store.subscribeRow(id, listener), [store, id]);
  const get = () => store.getRow(id);
  return useSyncExternalStore(subscribe, get, get);
}

export type SavingState = "idle" | "saving" | "waiting" | "offline";

/**
 * Whether a save of this row is out, waiting to be retried after a 429, or paused until the network returns
 * (React Query holds a save while the browser is offline): read from the mutation cache.
 */
export function useSavingState(id: number): SavingState {
  const states = useMutationState({
    filters: {
      mutationKey: processKeys.all,
      status: "pending",
      predicate: (m) => mutationInvolves(m.state.variables, id),
    },
    select: (m) => (m.state.isPaused ? "offline" : isApiError(m.state.failureReason) ? "waiting" : "saving"),
  });
  if (states.length === 0) return "idle";
  return states.includes("offline") ? "offline" : states.includes("waiting") ? "waiting" : "saving";
}
