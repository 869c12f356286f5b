"use client";

import { useSyncExternalStore } from "react";

// Three row heights, kept in this browser: standard (one line, about 35 px: 15 rows and more at 1280 × 800, the
// default), compact (about 27 px, smaller type) and comfortable (two-line comments). docs/decisions/044.
export type Density = "comfortable" | "standard" | "compact";
export const DENSITIES: readonly Density[] = ["comfortable", "standard", "compact"];
export const DEFAULT_DENSITY: Density = "standard";

const KEY = "settings.processes.density";
const listeners = new Set<() => void>();

/** Stored text → density; anything else (nothing stored, hand-edited) is the default. */
export function parseDensity(raw: string | null): Density {
  return DENSITIES.find((d) => d === raw) ?? DEFAULT_DENSITY;
}

const read = (): Density => {
  try {
    return parseDensity(localStorage.getItem(KEY));
  } catch {
    return DEFAULT_DENSITY;
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

/** The remembered density; the server renders the default one. */
export function useDensity(): Density {
  return useSyncExternalStore(subscribe, read, () => DEFAULT_DENSITY);
}
