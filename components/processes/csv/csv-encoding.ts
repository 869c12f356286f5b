// Which encoding an imported CSV file is in, and reading its bytes as text with the browser's own decoders
// (TextDecoder). Pure: runs on the page and in the parse worker.

/** The encodings the preview offers: what a plant's Excel and older tools write. */
export const CSV_ENCODINGS = ["utf-8", "windows-1251", "ibm866", "koi8-r", "windows-1252", "utf-16le"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export const isCsvEncoding = (value: string): value is CsvEncoding =>
  (CSV_ENCODINGS as readonly string[]).includes(value);

/**
 * The file's encoding as far as the bytes tell: a UTF-8 or UTF-16 LE byte order mark says so; bytes that are
 * valid UTF-8 (a strict decoder) are UTF-8; anything else is taken for Windows-1251, which Russian Excel's
 * "CSV (comma delimited)" writes without a mark. Any byte sequence is valid Windows-1251, so the operator
 * can still pick another encoding in the preview.
 */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "windows-1251";
  }
}

/** The bytes as text in the given encoding (detected when none is given); a byte order mark is dropped. */
export function decodeCsv(bytes: Uint8Array, chosen?: CsvEncoding): { text: string; encoding: CsvEncoding } {
  const encoding = chosen ?? detectEncoding(bytes);
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

/**
 * The line (1 = the first) of the first U+FFFD in the text, or null: a character the decoder could not read.
 * Such a file is refused as a whole, so no "�" is ever written over a process.
 */
export function replacementLine(text: string): number | null {
  const at = text.indexOf("\uFFFD");
  if (at < 0) return null;
  return (text.slice(0, at).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}
