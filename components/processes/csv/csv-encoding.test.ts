import { describe, expect, it } from "vitest";
import { encode1251, unmappable1251 } from "./csv-encode-1251";
import { decodeCsv, detectEncoding, replacementLine } from "./csv-encoding";
import { exportCsv } from "./csv-export";
import { MAX_IMPORT_BYTES, readCsvBytes } from "./csv-read";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const utf8 = (text: string) => new TextEncoder().encode(text);
/** As Russian Excel writes "CSV (разделители — запятые)": Windows-1251, semicolons, CRLF, no BOM. */
const excel1251 = "id;name;comment\r\n7;Обезжиривание;Ванна №2, ёмкость\r\n";

describe("encode1251", () => {
  it.each([
    ["Привет", "cff0e8e2e5f2"],
    ["Ёё№€", "a8b8b988"],
    ["id;a\r\n", "69643b610d0a"],
  ])("writes %s as the bytes Windows-1251 has for it", (text, bytes) => {
    expect(hex(encode1251(text))).toBe(bytes);
  });
  it("every byte above ASCII reads back through the browser's decoder to itself", () => {
    const all = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    expect(hex(encode1251(new TextDecoder("windows-1251").decode(all)))).toBe(hex(all));
  });
  it.each([
    ["a check mark and CJK", "ok ✓ 中 ✓", ["✓", "中"]],
    ["an emoji (two UTF-16 units, one character)", "🙂", ["🙂"]],
    ["Cyrillic, quotes and NBSP only", "«Травление»\u00A0— ГОСТ", []],
  ])("unmappable1251: %s", (_, text, chars) => {
    expect(unmappable1251(text)).toEqual(chars);
  });
});

describe("detectEncoding and decodeCsv", () => {
  it.each([
    ["valid UTF-8 without a BOM", utf8("id;name\r\n1;Травление"), "utf-8"],
    ["UTF-8 with a BOM (Excel's CSV UTF-8)", utf8("\uFEFFid;name"), "utf-8"],
    ["ASCII only", utf8("id,name,comment"), "utf-8"],
    ["Windows-1251 as Excel writes it", encode1251(excel1251), "windows-1251"],
    ["UTF-16 LE with its mark", Uint8Array.of(0xff, 0xfe, 0x69, 0, 0x64, 0), "utf-16le"],
  ])("%s is %s", (_, bytes, encoding) => {
    expect(detectEncoding(bytes)).toBe(encoding);
  });
  it("a Windows-1251 file decodes to its Cyrillic text; the BOM of a UTF-8 one is dropped", () => {
    expect(decodeCsv(encode1251(excel1251))).toEqual({ text: excel1251, encoding: "windows-1251" });
    expect(decodeCsv(utf8("\uFEFFid"))).toEqual({ text: "id", encoding: "utf-8" });
  });
  it("a picked encoding wins over detection", () => {
    expect(decodeCsv(Uint8Array.of(0x8e, 0xa1), "ibm866")).toEqual({ text: "Об", encoding: "ibm866" });
    expect(decodeCsv(Uint8Array.of(0xef, 0xc2), "koi8-r")).toEqual({ text: "Об", encoding: "koi8-r" });
  });
  it.each([
    ["none", "a\nb", null],
    ["on the first line", "a\uFFFD\nb", 1],
    ["on the third line, CRLF", "a\r\nb\r\nc\uFFFD", 3],
  ])("replacementLine: %s", (_, text, line) => {
    expect(replacementLine(text)).toBe(line);
  });
});

describe("readCsvBytes", () => {
  it("reads Excel's Windows-1251 file, detected, as records", () => {
    expect(readCsvBytes(encode1251(excel1251))).toEqual({
      encoding: "windows-1251",
      detected: true,
      read: {
        ok: true,
        delimiter: ";",
        records: [{ line: 2, id: "7", name: "Обезжиривание", comment: "Ванна №2, ёмкость" }],
      },
    });
  });
  it.each([
    ["Windows-1251 bytes read as UTF-8 (picked)", encode1251(excel1251), "utf-8" as const, "2"],
    ["a UTF-8 file that already holds U+FFFD", utf8("id;name;comment\n1;a;b\n2;x\uFFFD;"), undefined, "3"],
  ])("%s is refused as a whole, with the line", (_, bytes, encoding, line) => {
    expect(readCsvBytes(bytes, encoding).read).toEqual({ ok: false, problem: "replacement", detail: line });
  });
  it("the limit is 10 MiB", () => {
    expect(MAX_IMPORT_BYTES).toBe(10_485_760);
  });
});

describe("exportCsv", () => {
  const rows = [
    { id: 1, name: "Обезжиривание", comment: "Ванна №2; ёмкость" },
    { id: 2, name: "Etching", comment: "" },
  ];
  it("Excel (Windows-1251, ;): no BOM, semicolons, CRLF, byte for byte", () => {
    const result = exportCsv(rows, "excel-1251", ",");
    expect(result.ok && result.type).toBe("text/csv;charset=windows-1251");
    const text = 'id;name;comment\r\n1;Обезжиривание;"Ванна №2; ёмкость"\r\n2;Etching;';
    expect(result.ok && hex(result.bytes)).toBe(hex(encode1251(text)));
    expect(result.ok && readCsvBytes(result.bytes).read).toMatchObject({
      ok: true,
      records: [{ name: rows[0]!.name }, { name: "Etching" }],
    });
  });
  it("UTF-8: the BOM and the page's delimiter", () => {
    const result = exportCsv(rows.slice(1), "utf-8", ",");
    expect(result.ok && new TextDecoder("utf-8", { ignoreBOM: true }).decode(result.bytes)).toBe(
      "\uFEFFid,name,comment\r\n2,Etching,",
    );
  });
  it("a character Windows-1251 cannot hold refuses the Excel export, naming it and the rows", () => {
    const result = exportCsv(
      [...rows, { id: 5, name: "Rinse ✓", comment: "中" }, { id: 9, name: "✓", comment: "" }],
      "excel-1251",
      ";",
    );
    expect(result).toEqual({ ok: false, chars: ["✓", "中"], ids: [5, 9] });
  });
});
