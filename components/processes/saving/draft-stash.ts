import { z } from "zod";
import type { ProcessFields } from "@/lib/validations/process";
import type { Base } from "../model/row-entry";

// Unsaved edits survive the sign-in round trip (2002/2004) in this tab's sessionStorage, and nowhere else.
const KEY = "settings.processes.unsaved-edits";

const stashSchema = z.array(
  z.object({
    id: z.number().int(),
    draft: z.object({ name: z.string(), comment: z.string() }),
    // The version the edit started from: a change made meanwhile still meets it as a 1007 on save.
    base: z.object({ name: z.string(), comment: z.string(), version: z.number().int() }).optional(),
  }),
);

export type StashedDraft = { id: number; draft: ProcessFields; base?: Base };

export function stashDrafts(drafts: StashedDraft[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(drafts.map(({ id, draft, base }) => ({ id, draft, base }))));
  } catch {
    // Storage full or disabled: the edits cannot be kept; signing in again still works.
  }
}

/** The stashed edits, removed from storage as they are read. */
export function takeStashedDrafts(): StashedDraft[] {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return [];
    sessionStorage.removeItem(KEY);
    const parsed = stashSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
