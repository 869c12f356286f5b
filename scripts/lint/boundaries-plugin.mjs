// Local ESLint rules for the import boundaries that a path list cannot express (docs/decisions/005).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import importX from "eslint-plugin-import-x";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];

/** The project path an import names ("@/…" or relative; the file when it exists), or null for packages. */
function resolveImport(source, fromFile) {
  let base;
  if (source.startsWith("@/")) base = path.join(ROOT, source.slice(2));
  else if (source.startsWith(".")) base = path.resolve(path.dirname(fromFile), source);
  else return null;
  return EXTENSIONS.map((ext) => base + ext).find((file) => existsSync(file) && !file.endsWith("/")) ?? base;
}

const serverOnlyCache = new Map();
function isServerOnly(file) {
  if (!serverOnlyCache.has(file)) {
    const text = existsSync(file) && !file.endsWith(path.sep) ? readFileSync(file, "utf8") : "";
    serverOnlyCache.set(file, /^\s*import\s+["']server-only["'];?\s*$/m.test(text));
  }
  return serverOnlyCache.get(file);
}

/** Runs `check(resolvedFile, node)` for every static import, re-export and dynamic import of a project file. */
function onImports(context, check) {
  const visit = (node, sourceNode) => {
    if (!sourceNode || typeof sourceNode.value !== "string") return;
    const file = resolveImport(sourceNode.value, context.filename);
    if (file) check(file, sourceNode);
  };
  return {
    ImportDeclaration: (node) => visit(node, node.source),
    ExportNamedDeclaration: (node) => visit(node, node.source),
    ExportAllDeclaration: (node) => visit(node, node.source),
    ImportExpression: (node) => visit(node, node.source),
  };
}

/**
 * Server modules that cannot carry the marker: lib/env.ts is also loaded by server.ts and the CLI outside
 * Next's react-server build, where `import "server-only"` throws.
 */
const UNMARKED_SERVER_MODULES = new Map([
  [
    path.join(ROOT, "lib/env.ts"),
    "holds the server's settings and secrets (AUTH_SECRET); read what the page needs in a server component and pass it in as props",
  ],
]);

/** Code that may run in the browser: everything under components/, and any file that opens with "use client". */
function isClientCode(context) {
  if (context.filename.startsWith(path.join(ROOT, "components") + path.sep)) return true;
  const first = context.sourceCode.ast.body[0];
  return first?.type === "ExpressionStatement" && first.directive === "use client";
}

const noServerModuleInClient = {
  meta: {
    type: "problem",
    docs: { description: 'client code may not import server modules (`import "server-only"`, lib/env.ts)' },
    messages: {
      serverOnly: "{{source}} is a server-only module; components run in the browser too. Pass its data in as props.",
      unmarked: "{{source}} {{why}}.",
    },
    schema: [],
  },
  create(context) {
    if (!isClientCode(context)) return {};
    return onImports(context, (file, node) => {
      const why = UNMARKED_SERVER_MODULES.get(file);
      if (why) context.report({ node, messageId: "unmarked", data: { source: node.value, why } });
      else if (isServerOnly(file)) context.report({ node, messageId: "serverOnly", data: { source: node.value } });
    });
  },
};

const noForeignPrivateFolder = {
  meta: {
    type: "problem",
    docs: { description: "an app route's private folder (`_name`) is imported only from within that route" },
    messages: {
      foreign: "{{source}} is private to {{owner}}; move what both routes need to lib/ or components/.",
    },
    schema: [],
  },
  create(context) {
    const appDir = path.join(ROOT, "app") + path.sep;
    return onImports(context, (file, node) => {
      if (!file.startsWith(appDir)) return;
      const parts = path.relative(ROOT, file).split(path.sep);
      const privateAt = parts.findIndex((p) => p.startsWith("_"));
      if (privateAt < 0) return;
      const owner = path.join(ROOT, ...parts.slice(0, privateAt)) + path.sep;
      if (!context.filename.startsWith(owner)) {
        context.report({ node, messageId: "foreign", data: { source: node.value, owner: path.relative(ROOT, owner) } });
      }
    });
  },
};

/**
 * import-x/no-cycle, type imports included. import-x skips `import type` edges (it has no option for them); a
 * cycle through types still ties the files together, so this feeds it each statement as a value edge. The modules
 * it walks from there are read by types-as-values-parser.mjs (the "import-x/parsers" setting).
 */
const importXNoCycle = importX.rules["no-cycle"];
const asValueCopy = (node) => ({
  ...node,
  importKind: node.importKind === undefined ? undefined : "value",
  exportKind: node.exportKind === undefined ? undefined : "value",
  specifiers: node.specifiers?.map((s) => ({
    ...s,
    importKind: s.importKind && "value",
    exportKind: s.exportKind && "value",
  })),
});
const noCycle = {
  meta: { ...importXNoCycle.meta, docs: { description: "no import cycles, `import type` included" } },
  defaultOptions: importXNoCycle.defaultOptions,
  create(context) {
    const visitors = importXNoCycle.create(context);
    return Object.fromEntries(
      Object.entries(visitors).map(([type, visit]) => [
        type,
        (node) => visit(/^(Import|Export)\w*Declaration$|^TSImportEquals/.test(node.type) ? asValueCopy(node) : node),
      ]),
    );
  },
};

const plugin = {
  meta: { name: "project-boundaries" },
  rules: {
    "no-server-module-in-client": noServerModuleInClient,
    "no-foreign-private-folder": noForeignPrivateFolder,
    "no-cycle": noCycle,
  },
};

export default plugin;
