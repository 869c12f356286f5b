// Issue 21: a client generated from the published document narrows the error type on `code`. Types are
// generated with the project's openapi-typescript (7.13.0) on the project's TypeScript (5.9.3), into a folder
// of their own, and snippets are type-checked with it: reading `error.current.version` after
// `error.code === 1007` must compile, and the same read without the check must not (the test can fail).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { apiTypes } from "@/scripts/api-types";

// Inside the project, so that `openapi-fetch` resolves from its node_modules.
const cache = path.join(process.cwd(), "node_modules", ".cache");
const dir = (() => {
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(path.join(cache, "narrowing-"));
})();

const HEADER = `import createClient from "openapi-fetch";
import type { paths } from "./plant-api";

const api = createClient<paths>({ baseUrl: "http://localhost:3000" });
`;

const NARROWED = `${HEADER}
export async function one(): Promise<number | undefined> {
  const { error } = await api.PUT("/api/v1/processes/{id}", {
    params: { path: { id: 7 } },
    body: { name: "Cutting", comment: "", version: 3 },
  });
  if (error && error.code === 1007) return error.current.version;
  if (error && error.code === 1001) return error.errors?.length;
  return undefined;
}

export async function bulk(): Promise<string | undefined> {
  const { error } = await api.PUT("/api/v1/processes", {
    body: { processes: [{ id: 7, name: "Cutting", comment: "", version: 3 }] },
  });
  if (error?.code === 1007) return \`\${error.current[0]!.version} \${error.errors[0]!.pointer}\`;
  return undefined;
}
`;

const NOT_NARROWED = `${HEADER}
export async function one(): Promise<number | undefined> {
  const { error } = await api.PUT("/api/v1/processes/{id}", {
    params: { path: { id: 7 } },
    body: { name: "Cutting", comment: "" },
  });
  if (error) return error.current.version;
  return undefined;
}
`;

/**
 * The snippets, type-checked in one TypeScript program (the project's compiler, in this process): each file's
 * errors, formatted as tsc prints them. One program instead of a tsc run per snippet: the generated types,
 * openapi-fetch and the standard library are read and bound once. Declaration files are checked as far as the
 * snippets and the generated types use them (tsc's --skipLibCheck); the generated types themselves are checked whole.
 */
function compile(sources: Record<string, string>): Record<string, string> {
  for (const [name, source] of Object.entries(sources)) writeFileSync(path.join(dir, name), source);
  const program = ts.createProgram(
    Object.keys(sources).map((name) => path.join(dir, name)),
    {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    },
  );
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => dir, getNewLine: () => "\n" };
  const errorsOf = (file: string) => {
    const sourceFile = program.getSourceFile(path.join(dir, file))!;
    return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program, sourceFile), host);
  };
  return Object.fromEntries([...Object.keys(sources), "plant-api.d.ts"].map((name) => [name, errorsOf(name)]));
}

describe("a generated TypeScript client narrows errors on `code`", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("generates the types on the project's TypeScript", async () => {
    const tsVersion = ts.version;
    expect(tsVersion).toMatch(/^5\./);
    writeFileSync(path.join(dir, "plant-api.d.ts"), await apiTypes(buildOpenApiDocument()));
  });

  // Both snippets in one program: 2-3 s idle, more under load.
  let errors: Record<string, string>;
  const compiled = () => (errors ??= compile({ "narrowed.ts": NARROWED, "not-narrowed.ts": NOT_NARROWED }));

  it("`error.current.version` compiles after `error.code === 1007`", { timeout: 180_000 }, () => {
    expect(compiled()["narrowed.ts"]).toBe("");
    expect(compiled()["plant-api.d.ts"]).toBe("");
  });

  it("and does not compile without the check", { timeout: 180_000 }, () => {
    expect(compiled()["not-narrowed.ts"]).toMatch(
      // The read itself is refused ("'error.current' is of type 'unknown'" on TypeScript 5.9).
      /^not-narrowed\.ts\(11,\d+\): error TS\d+: .*'(error\.)?current'/,
    );
  });
});
