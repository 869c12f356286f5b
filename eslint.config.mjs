// ESLint flat config: Next's rules (React, hooks incl. the compiler-era ones, a11y), typescript-eslint, and the
// import boundaries of docs/decisions/005-folders-and-import-boundaries.md.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import prettier from "eslint-config-prettier/flat";
import boundaries from "./scripts/lint/boundaries-plugin.mjs";

const TESTS = ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "test/**", "scripts/**"];

const config = [
  {
    ignores: [
      "node_modules/**",
      "**/.next*/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "bench-results/**",
      "next-env.d.ts",
      // Deliberately broken code that lint must flag (scripts/lint/boundaries.test.ts checks that it does).
      "test/lint-fixtures/**",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    plugins: { "import-x": importX, boundaries },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components"], message: "lib is below app and components" },
            { target: "./components", from: "./app", message: "components never import a route" },
          ],
        },
      ],
    },
  },
  {
    // Production code never reaches for the test harness.
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts", "server.ts"],
    ignores: TESTS,
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components"], message: "lib is below app and components" },
            { target: "./components", from: "./app", message: "components never import a route" },
            {
              target: ["./app", "./components", "./lib", "./proxy.ts", "./instrumentation.ts", "./server.ts"],
              from: ["./test", "./e2e", "./scripts"],
              message: "only tests, e2e/ and scripts/ use the test harness and scripts",
            },
          ],
        },
      ],
    },
  },
  { files: ["components/**"], rules: { "boundaries/no-server-only-in-components": "error" } },
  { files: ["app/**"], rules: { "boundaries/no-foreign-private-folder": "error" } },
  {
    files: TESTS,
    rules: {
      // Tests read parsed JSON answers whose shape is the assertion itself.
      "@typescript-eslint/no-explicit-any": "off",
      // Playwright fixtures take a `use` callback, which the hooks rules mistake for React's use().
      "react-hooks/rules-of-hooks": "off",
    },
  },
  prettier,
];

export default config;
