"use client";

import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import { namesOfKey, type PresenceStore } from "./presence-store";

// The page's presence store, for the rows (memoized: the value never changes) and the header.
export const PresenceContext = createContext<PresenceStore | null>(null);

function usePresenceStore(): PresenceStore {
  const store = useContext(PresenceContext);
  if (!store) throw new Error("presence outside the processes editor");
  return store;
}

/** The names of the other people editing this row now; re-renders only when they change. */
export function useRowEditors(id: number): string[] {
  const store = usePresenceStore();
  const get = useCallback(() => store.editorsKey(id), [store, id]);
  return namesOfKey(useSyncExternalStore(store.subscribe, get, () => ""));
}

/** Everyone else with the list open. */
export function useOthersHere() {
  const store = usePresenceStore();
  return useSyncExternalStore(store.subscribe, store.getOthers, store.getOthers);
}
