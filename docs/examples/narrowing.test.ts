// Issue 21: a client generated from the published document narrows the error type on `code`. Types are
// generated with the project's openapi-typescript (7.13.0) on the project's TypeScript (5.9.3), into a folder
// of their own, and a snippet is compiled with tsc: reading `error.current.version` after
// `error.code === 1007` must compile, and the same read without the check must not (the test can fail).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { apiTypes } from "@/scripts/api-types";

// Inside the project, so that `openapi-fetch` resolves from its node_modules.
const cache = path.join(process.cwd(), "node_modules", ".cache");
const dir = (() => {
  execFileSync("mkdir", ["-p", cache]);
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

function compile(source: string): { ok: boolean; output: string } {
  writeFileSync(path.join(dir, "snippet.ts"), source);
  const tsc = path.join(process.cwd(), "node_modules", "typescript", "bin", "tsc");
  const args = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler"];
  try {
    return { ok: true, output: execFileSync(process.execPath, [tsc, ...args, "snippet.ts"], { cwd: dir }).toString() };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: Buffer }).stdout ?? error) };
  }
}

describe("a generated TypeScript client narrows errors on `code`", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("generates the types on the project's TypeScript", async () => {
    const tsVersion = (await import("typescript")).version;
    expect(tsVersion).toMatch(/^5\./);
    writeFileSync(path.join(dir, "plant-api.d.ts"), await apiTypes(buildOpenApiDocument()));
  });

  // tsc takes 5-50 s here, depending on the machine's load.
  it("`error.current.version` compiles after `error.code === 1007`", { timeout: 180_000 }, () => {
    const { ok, output } = compile(NARROWED);
    expect(output).toBe("");
    expect(ok).toBe(true);
  });

  it("and does not compile without the check", { timeout: 180_000 }, () => {
    const { ok, output } = compile(NOT_NARROWED);
    expect(ok).toBe(false);
    expect(output).toMatch(/error TS\d+/);
  });
});
