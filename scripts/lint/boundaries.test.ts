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
      "boundaries/no-server-module-in-client",
    ],
    [
      "a component imports the server's settings (lib/env.ts, which holds AUTH_SECRET)",
      "components/fixture.tsx",
      'import { env } from "@/lib/env";\nexport const e = env;\n',
      "boundaries/no-server-module-in-client",
    ],
    [
      'a "use client" file in app/ imports the server\'s settings',
      "app/settings/client-fixture.tsx",
      '"use client";\nimport { appOrigin } from "@/lib/env";\nexport const o = appOrigin;\n',
      "boundaries/no-server-module-in-client",
    ],
    [
      'a "use client" file in app/ imports a server-only module',
      "app/settings/client-fixture.tsx",
      '"use client";\nimport { db } from "@/lib/db/client";\nexport const d = db;\n',
      "boundaries/no-server-module-in-client",
    ],
    [
      "a route imports another route's private folder",
      "app/signin/fixture.tsx",
      'import { x } from "@/app/settings/_parts/x";\nexport const y = x;\n',
      "boundaries/no-foreign-private-folder",
    ],
    [
      "an editor part imports the table back (a type is enough)",
      "components/processes/shown-rows/fixture.ts",
      'import type { TableHandle } from "../table/process-table";\nexport type H = TableHandle;\n',
      "import-x/no-restricted-paths",
    ],
    [
      "the editor's model imports another part",
      "components/processes/model/fixture.ts",
      'import type { EditStore } from "../editing/edit-store";\nexport type S = EditStore;\n',
      "import-x/no-restricted-paths",
    ],
    [
      "an editor part imports the editor itself",
      "components/processes/csv/fixture.tsx",
      'import { ProcessesEditor } from "../processes-editor";\nexport const e = ProcessesEditor;\n',
      "import-x/no-restricted-paths",
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
      "a server page imports the server's settings",
      "app/settings/page-fixture.tsx",
      'import { appOrigin } from "@/lib/env";\nexport const o = appOrigin;\n',
    ],
    [
      "a test beside the code imports the harness",
      "lib/fixture.test.ts",
      'import { http } from "@/test/support/http";\nexport const h = http;\n',
    ],
    [
      "an editor part imports the shared row types",
      "components/processes/grid/fixture.ts",
      'import type { TableRow } from "../model/table-row";\nexport type R = TableRow;\n',
    ],
    [
      "the table imports an editor part",
      "components/processes/table/fixture.tsx",
      'import { useGridKeys } from "../grid/use-grid-keys";\nexport const g = useGridKeys;\n',
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

  it.each([
    ["an import cycle", "test/lint-fixtures/cycle-a.ts"],
    ["a cycle of type imports only", "test/lint-fixtures/type-cycle-a.ts"],
  ])("flags %s", async (_, file) => {
    expect(await rulesAt(file, readFileSync(file, "utf8"))).toContain("boundaries/no-cycle");
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
