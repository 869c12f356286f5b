// The types the editor's parts share, below all of them: the table, the shown rows, paste and CSV import
// read a row as this, and none of them imports the table for it (docs/decisions/005).
import type { ProcessListingItem } from "@/lib/validations/process-listing";

/** A row as the table shows it: the listed process, and whether it has since been deleted elsewhere. */
export type TableRow = { process: ProcessListingItem; gone: boolean };
