import { readFileSync } from "node:fs";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The linter must flag each boundary crossing: code placed (virtually) at a path it may not import from.
// The first case loads ESLint's plugins and the TypeScript project: over 30 s beside `npm run check`'s other jobs
// on a busy 2-core machine.
describe("import boundaries and hook rules in eslint.config.mjs", { timeout: 120_000 }, () => {
  let eslint: ESLint;
  const rulesAt = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  };

  beforeAll(() => {
    // ignore: false, so the fixtures under test/lint-fixtures (ignored by `npm run lint`) are linted here.
    eslint = new ESLint({ cwd: process.cwd(), ignore: false });
  });

  it.each([
    [
      "lib imports a component",
      "lib/fixture.ts",
      'import { Spinner } from "@/components/ui/spinner";\nexport const s = Spinner;\n',
      "import-x/no-restricted-paths",
    ],
    [
      "lib imports a route",
      "lib/fixture.ts",
      'import Page from "@/app/signin/page";\nexport const p = Page;\n',
      "import-x/no-restricted-paths",
    ],
    [
      "a component imports a route",
      "components/fixture.tsx",
      'import Page from "@/app/signin/page";\nexport const p = Page;\n',
      "import-x/no-restricted-paths",
    ],
    [
      "production code imports the test harness",
      "lib/fixture.ts",
      'import { http } from "@/test/support/http";\nexport const h = http;\n',
      "import-x/no-restricted-paths",
    ],
    [
      "a route imports the test harness",
      "app/fixture/page.tsx",
      'import { http } from "@/test/support/http";\nexport const h = http;\n',
      "import-x/no-restricted-paths",
    ],
    [
      "a component imports a server-only module",
      "components/fixture.tsx",
      'import { db } from "@/lib/db/client";\nexport const d = db;\n',
      "boundaries/no-server-only-in-components",
    ],
    [
      "a route imports another route's private folder",
      "app/signin/fixture.tsx",
      'import { x } from "@/app/settings/_parts/x";\nexport const y = x;\n',
      "boundaries/no-foreign-private-folder",
    ],
  ])("flags %s", async (_, filePath, code, rule) => {
    expect(await rulesAt(filePath, code)).toContain(rule);
  });

  it.each([
    [
      "a component imports a shared schema",
      "components/fixture.tsx",
      'import { processFieldsSchema } from "@/lib/validations/process";\nexport const s = processFieldsSchema;\n',
    ],
    [
      "a test beside the code imports the harness",
      "lib/fixture.test.ts",
      'import { http } from "@/test/support/http";\nexport const h = http;\n',
    ],
    [
      "a route imports its own private folder",
      "app/settings/page-fixture.tsx",
      'import { x } from "@/app/settings/_parts/x";\nexport const y = x;\n',
    ],
  ])("allows %s", async (_, filePath, code) => {
    const rules = await rulesAt(filePath, code);
    expect(rules.filter((r) => /restricted-paths|boundaries\//.test(r))).toEqual([]);
  });

  it("flags an import cycle", async () => {
    const file = "test/lint-fixtures/cycle-a.ts";
    expect(await rulesAt(file, readFileSync(file, "utf8"))).toContain("import-x/no-cycle");
  });

  it("flags a ref written during render", async () => {
    const code = `"use client";
import { useRef } from "react";
export function Row({ value }: { value: string }) {
  const latest = useRef(value);
  latest.current = value;
  return <p>{value}</p>;
}
`;
    expect(await rulesAt("components/fixture.tsx", code)).toContain("react-hooks/refs");
  });
});
