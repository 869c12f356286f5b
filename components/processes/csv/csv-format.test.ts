import { describe, expect, it } from "vitest";
import { delimiterFor, parseCsv, toCsv } from "./csv-format";

const rows = [
  { id: 1, name: "Обезжиривание", comment: "Линия 1; ванна 2" },
  { id: 2, name: 'Etching "A"', comment: "first line\nsecond, line" },
  { id: 3, name: "=SUM(A1)", comment: "" },
];

describe("toCsv", () => {
  it("writes a BOM, the header, CRLF records, and quotes what needs quoting (ru: semicolons)", () => {
    expect(toCsv(rows, ";")).toBe(
      "\uFEFFid;name;comment\r\n" +
        '1;Обезжиривание;"Линия 1; ванна 2"\r\n' +
        '2;"Etching ""A""";"first line\nsecond, line"\r\n' +
        '3;"\'=SUM(A1)";',
    );
  });

  it("en: commas", () => {
    expect(toCsv(rows.slice(0, 1), ",")).toBe("\uFEFFid,name,comment\r\n1,Обезжиривание,Линия 1; ванна 2");
  });

  it.each([
    ["ru", ";"],
    ["ru-RU", ";"],
    ["en", ","],
  ])("%s uses %s", (locale, delimiter) => {
    expect(delimiterFor(locale)).toBe(delimiter);
  });

  it.each([
    ["a multi-line formula", '=HYPERLINK("http://x","y")\nz', `"'=HYPERLINK(""http://x"",""y"")\nz"`],
    ["a value already starting with an apostrophe", "'=1", `"''=1"`],
    ["a plus", "+7 (495) 000", `"'+7 (495) 000"`],
    ["a space before =", " =1+1", `"' =1+1"`],
    ["an NBSP before =", "\u00A0=1+1", `"'\u00A0=1+1"`],
    ["a zero-width space before +", "\u200B+1", `"'\u200B+1"`],
    ["a BOM and spaces before @", "\uFEFF  @SUM(1)", `"'\uFEFF  @SUM(1)"`],
    ["a space before text", " plain", '" plain"'],
    ["text", "plain", "plain"],
  ])("escapes %s so no spreadsheet runs it", (_, comment, written) => {
    expect(toCsv([{ id: 1, name: "n", comment }], ";")).toBe(`\uFEFFid;name;comment\r\n1;n;${written}`);
    const read = parseCsv(toCsv([{ id: 1, name: "n", comment }], ";"));
    expect(read.ok && read.records[0]?.comment).toBe(comment);
  });

  it.each([";", ","] as const)("reads back what it wrote (delimiter %s), formulas unescaped", (delimiter) => {
    const read = parseCsv(toCsv(rows, delimiter));
    expect(read.ok && read.records.map(({ id, name, comment }) => ({ id: Number(id), name, comment }))).toEqual(rows);
  });
});

describe("parseCsv", () => {
  it.each([
    [
      "a BOM and semicolons",
      "\uFEFFid;name;comment\r\n7;Rinse;tank",
      [{ line: 2, id: "7", name: "Rinse", comment: "tank" }],
    ],
    ["no BOM and commas", "id,name,comment\n7,Rinse,tank\n", [{ line: 2, id: "7", name: "Rinse", comment: "tank" }]],
    [
      "tabs (pasted from a sheet)",
      "id\tname\tcomment\n7\tRinse\ttank",
      [{ line: 2, id: "7", name: "Rinse", comment: "tank" }],
    ],
    [
      "quotes and a quoted CRLF newline in a comment (kept as LF), lines counted",
      'id;name;comment\r\n7;"Say ""hi""";"a\r\nb"\r\n8;Next;',
      [
        { line: 2, id: "7", name: 'Say "hi"', comment: "a\nb" },
        { line: 4, id: "8", name: "Next", comment: "" },
      ],
    ],
    [
      "Cyrillic",
      "id;name;comment\n5;Травление;ГОСТ 9.305",
      [{ line: 2, id: "5", name: "Травление", comment: "ГОСТ 9.305" }],
    ],
    [
      "columns in another order, other columns ignored, header in any case",
      "Comment;ID;extra;NAME\nc;9;x;n",
      [{ line: 2, id: "9", name: "n", comment: "c" }],
    ],
    ["blank lines skipped", "id,name,comment\n\n7,a,b\n\n", [{ line: 3, id: "7", name: "a", comment: "b" }]],
    ["a short row: missing values are empty", "id,name,comment\n7,a", [{ line: 2, id: "7", name: "a", comment: "" }]],
  ])("%s", (_, text, records) => {
    expect(parseCsv(text)).toMatchObject({ ok: true, records });
  });

  it.each([
    ["no header", "7;Rinse;tank", "missingHeader"],
    ["a header without comment", "id;name\n7;Rinse", "missingHeader"],
    ["an empty file", "\uFEFF  \r\n", "empty"],
    ["an unclosed quote", 'id,name,comment\n7,"Rinse,tank', "malformed"],
  ])("%s is refused as a whole (%s)", (_, text, problem) => {
    expect(parseCsv(text)).toMatchObject({ ok: false, problem });
  });
});
