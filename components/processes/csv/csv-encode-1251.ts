// Writing text as Windows-1251, for the "Excel (Windows-1251, ;)" export: browsers decode it (TextDecoder)
// but have no encoder, so the table is built once from the browser's own decoder, byte by byte.

let table: Map<number, number> | null = null;

/** Unicode code point → Windows-1251 byte, for the 128 bytes above ASCII (the Cyrillic block and signs). */
function encoderTable(): Map<number, number> {
  if (table) return table;
  const decoded = new TextDecoder("windows-1251").decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
  table = new Map([...decoded].map((char, i) => [char.codePointAt(0)!, 0x80 + i]));
  return table;
}

const byteOf = (codePoint: number): number | undefined =>
  codePoint < 0x80 ? codePoint : encoderTable().get(codePoint);

/** The distinct characters of the text that Windows-1251 cannot hold, in order of appearance. */
export function unmappable1251(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) if (byteOf(char.codePointAt(0)!) === undefined) found.add(char);
  return [...found];
}

/** The text as Windows-1251 bytes; call `unmappable1251` first: a character it lists is written as "?". */
export function encode1251(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  let n = 0;
  for (const char of text) bytes[n++] = byteOf(char.codePointAt(0)!) ?? 0x3f;
  return bytes.subarray(0, n);
}
