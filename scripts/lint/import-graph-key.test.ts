import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importGraphKey } from "@/scripts/lint/import-graph-key.mjs";

// ESLint's cache may keep a file's result only while what the result read from other files is unchanged.
describe("the import graph key of ESLint's cache", () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "graph-key-"));
    for (const file of ["scripts/lint", "tsconfig.json", "package-lock.json"])
      cpSync(path.join(process.cwd(), file), path.join(root, file), { recursive: true });
    write("lib/a.ts", 'import { b } from "./b";\nexport const a = () => b;\n');
    write("lib/b.ts", "export const b = 1;\n");
    write("components/c.tsx", 'import { b } from "@/lib/b";\nexport const c = b;\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ["a comment", "lib/a.ts", "// why\n"],
    ["a function's body", "lib/b.ts", "export function f() {\n  return 2;\n}\n"],
    ["a package import", "lib/b.ts", 'import { z } from "zod";\nexport const s = z.string();\n'],
  ])("stays when an edit adds %s", (_, file, text) => {
    const before = importGraphKey(root);
    appendFileSync(path.join(root, file), text);
    expect(importGraphKey(root)).toBe(before);
  });

  it.each([
    ["a project import", () => appendFileSync(path.join(root, "lib/b.ts"), 'import { a } from "./a";\n')],
    [
      "a dynamic import",
      () => appendFileSync(path.join(root, "lib/b.ts"), 'export const l = () => import("@/lib/a");\n'),
    ],
    ["the server-only marker", () => write("lib/b.ts", 'import "server-only";\nexport const b = 1;\n')],
    ["a new file (imports resolve differently)", () => write("lib/b/index.ts", "export const b = 2;\n")],
    ["a removed file", () => rmSync(path.join(root, "lib/a.ts"))],
    ["a change in the rules' code", () => appendFileSync(path.join(root, "scripts/lint/boundaries-plugin.mjs"), "\n")],
  ])("changes with %s", (_, edit) => {
    const before = importGraphKey(root);
    edit();
    expect(importGraphKey(root)).not.toBe(before);
  });
});
