// One imported file's bytes to records: decode (csv-encoding.ts), refuse a character that could not be read,
// parse (csv-format.ts). Pure: the page runs it for small files, the parse worker for big ones.
import { decodeCsv, replacementLine, type CsvEncoding } from "./csv-encoding";
import { parseCsv, type CsvReadResult } from "./csv-format";

/** Files up to this size are imported; a bigger one is refused before it is read (10,000 long rows fit). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** From this size the file is parsed in a worker, so the page keeps answering while it is read. */
export const WORKER_FROM_BYTES = 256 * 1024;

export type CsvBytesResult = {
  encoding: CsvEncoding;
  /** True when the encoding was detected, false when the operator picked it. */
  detected: boolean;
  read: CsvReadResult | { ok: false; problem: "replacement"; detail: string };
};

/** The file's bytes read in the chosen encoding, or the detected one when none is chosen. */
export function readCsvBytes(bytes: Uint8Array, chosen?: CsvEncoding): CsvBytesResult {
  const { text, encoding } = decodeCsv(bytes, chosen);
  const detected = chosen === undefined;
  const bad = replacementLine(text);
  if (bad !== null) return { encoding, detected, read: { ok: false, problem: "replacement", detail: String(bad) } };
  return { encoding, detected, read: parseCsv(text) };
}
