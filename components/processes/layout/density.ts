"use client";

import { useSyncExternalStore } from "react";

// Compact rows (about 36 px) or comfortable ones (two-line comments); kept in this browser.
export type Density = "comfortable" | "compact";

const KEY = "settings.processes.density";
const listeners = new Set<() => void>();

const read = (): Density => {
  try {
    return localStorage.getItem(KEY) === "compact" ? "compact" : "comfortable";
  } catch {
    return "comfortable";
  }
};

export function setDensity(density: Density): void {
  try {
    localStorage.setItem(KEY, density);
  } catch {
    // Storage disabled: the choice lasts until the page is left.
  }
  listeners.forEach((l) => l());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The remembered density; the server renders the comfortable one. */
export function useDensity(): Density {
  return useSyncExternalStore(subscribe, read, () => "comfortable");
}
