// What ESLint's cache (`--cache`, npm run lint) must not outlive: the facts one file's lint result reads from
// other files. boundaries/no-cycle walks the import graph, boundaries/no-server-module-in-client reads the
// imported file's "server-only" marker, and every import rule resolves paths against the files that exist.
// ESLint keys each cached result on the file's own content and the config, so this key goes into the config
// (settings): an edit that adds, removes or moves an import, a marker, or a file invalidates every cached
// result; an edit inside a function keeps them. About 400 files read and hashed: tens of milliseconds.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", ".git", "lib/generated", "test-results", "playwright-report", "bench-results"]);
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
// Every string literal that names a project path ("@/…", "./…", "../…"): an import, re-export or dynamic import
// among them. Over-inclusive on purpose: an extra literal only invalidates the cache more often.
const PROJECT_PATH = /["'`](?:@\/|\.{1,2}\/)[^"'`\n]*["'`]/g;
const SERVER_ONLY = /^\s*import\s+["']server-only["'];?\s*$/m;
// The rules' own code and what resolution reads: a change there is a change of the rules.
const RULE_INPUTS = [
  "scripts/lint/boundaries-plugin.mjs",
  "scripts/lint/types-as-values-parser.mjs",
  "scripts/lint/import-graph-key.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function* sourceFiles(root, dir) {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (SKIP.has(rel) || entry.name.startsWith(".next")) continue;
    if (entry.isDirectory()) yield* sourceFiles(root, rel);
    else if (SOURCE.test(entry.name)) yield rel;
  }
}

/** A hash of every source file's path, the project paths it names and its server-only marker, and the rules' inputs. */
export function importGraphKey(root = ROOT) {
  const hash = createHash("sha256");
  for (const file of [...sourceFiles(root, "")].sort()) {
    const text = readFileSync(path.join(root, file), "utf8");
    hash.update(`${file}\0${SERVER_ONLY.test(text) ? "S" : ""}\0${(text.match(PROJECT_PATH) ?? []).join("\0")}\n`);
  }
  for (const file of RULE_INPUTS) hash.update(`${file}\0${readFileSync(path.join(root, file))}\n`);
  return hash.digest("hex");
}
