"use client";

// Layout: column widths and row density (density.ts), both kept in this browser.

import { useSyncExternalStore } from "react";

// Widths the operator gave the name and comment columns (CSS px), kept in this browser like the density.
export type ResizableColumn = "name" | "comment";
export type ColumnWidths = Partial<Record<ResizableColumn, number>>;

export const COLUMN_LIMITS: Record<ResizableColumn, { min: number; max: number }> = {
  name: { min: 120, max: 640 },
  comment: { min: 160, max: 960 },
};

const KEY = "settings.processes.column-widths";
const EMPTY: ColumnWidths = {};
const listeners = new Set<() => void>();
// useSyncExternalStore wants the same object while storage holds the same text.
let cached: { raw: string | null; widths: ColumnWidths } = { raw: null, widths: EMPTY };

export function clampWidth(column: ResizableColumn, width: number): number {
  const { min, max } = COLUMN_LIMITS[column];
  return Math.round(Math.min(max, Math.max(min, width)));
}

/** Stored text → widths; anything unexpected (hand-edited, older shape) is dropped, not trusted. */
export function parseWidths(raw: string | null): ColumnWidths {
  if (!raw) return EMPTY;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return EMPTY;
    const widths: ColumnWidths = {};
    for (const column of ["name", "comment"] as const) {
      const width = (value as Record<string, unknown>)[column];
      if (typeof width === "number" && Number.isFinite(width)) widths[column] = clampWidth(column, width);
    }
    return widths;
  } catch {
    return EMPTY;
  }
}

const read = (): ColumnWidths => {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    // Storage disabled: the default widths.
  }
  if (raw !== cached.raw) cached = { raw, widths: parseWidths(raw) };
  return cached.widths;
};

export function setColumnWidth(column: ResizableColumn, width: number): void {
  const next = { ...read(), [column]: clampWidth(column, width) };
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    cached = { raw: cached.raw, widths: next };
  }
  listeners.forEach((l) => l());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The remembered widths; the server renders the default ones. */
export function useColumnWidths(): ColumnWidths {
  return useSyncExternalStore(subscribe, read, () => EMPTY);
}
