// typescript-eslint's parser, with every type-only import and re-export read as a value one. Only import-x reads
// the modules a file imports through it (the "import-x/parsers" setting), so that boundaries/no-cycle follows
// `import type` edges too; the linted file itself keeps the real parser (consistent-type-imports needs it).
import { parser as tsParser } from "typescript-eslint";

const MODULE_EDGES = new Set(["ImportDeclaration", "ExportNamedDeclaration", "ExportAllDeclaration"]);

/** Marks one import or re-export statement (and its specifiers) as a value edge, in place. */
function asValueEdge(node) {
  if (node.importKind === "type") node.importKind = "value";
  if (node.exportKind === "type") node.exportKind = "value";
  for (const s of node.specifiers ?? []) {
    if (s.importKind === "type") s.importKind = "value";
    if (s.exportKind === "type") s.exportKind = "value";
  }
  return node;
}

export function parseForESLint(code, options) {
  const result = tsParser.parseForESLint(code, options);
  for (const node of result.ast.body) if (MODULE_EDGES.has(node.type)) asValueEdge(node);
  return result;
}

export const meta = { name: "types-as-values-parser" };
