import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { OpenApiChecker, type OpenApiDocument } from "@/test/support/openapi-check";

// Vitest global setup: gives the workers a folder to note every checked answer in (test/support/answers.ts),
// and at the end of a run that included every API contract suite, fails the run if an operation of the
// published document received no answer in any of them. OPENAPI_COVERAGE=require checks after any run.

const ROOT = process.cwd();

/** Where vitest.config.ts looks for tests. */
const TEST_FOLDERS = ["lib", "app", "components", "scripts", "test", "docs"];

function contractSuites(): string[] {
  return TEST_FOLDERS.flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".contract.test.ts") && !file.includes("node_modules"))
      .map((file) => path.join(ROOT, folder, file)),
  );
}

export function uncoveredOperations(document: OpenApiDocument, answered: Set<string>): string[] {
  return new OpenApiChecker(document).operations().filter((operation) => !answered.has(operation));
}

function checkCoverage(project: TestProject, ledger: string): void {
  const required = process.env.OPENAPI_COVERAGE === "require";
  const ran = new Set(project.vitest.state.getFiles().map((file) => file.filepath));
  const allSuitesRan = contractSuites().every((suite) => ran.has(suite));
  const files = readdirSync(ledger);
  if (!files.includes("document.json")) {
    if (required) throw new Error("No contract test fetched the OpenAPI document");
    return;
  }
  if (!allSuitesRan && !required) return;
  const document = JSON.parse(readFileSync(path.join(ledger, "document.json"), "utf8")) as OpenApiDocument;
  const answered = new Set(
    files
      .filter((f) => f.startsWith("answers-"))
      .flatMap((f) => readFileSync(path.join(ledger, f), "utf8").split("\n"))
      .map((line) => line.replace(/ \d+$/, "")),
  );
  const uncovered = uncoveredOperations(document, answered);
  if (uncovered.length > 0)
    throw new Error(`Operations of the OpenAPI document no contract test answered:\n  ${uncovered.join("\n  ")}`);
}

export default function setup(project: TestProject) {
  const ledger = mkdtempSync(path.join(os.tmpdir(), "openapi-ledger-"));
  project.provide("openapiLedger", ledger);
  return () => {
    try {
      checkCoverage(project, ledger);
    } catch (error) {
      // A throw here is only logged by Vitest ("error during close"): the run must fail as well.
      console.error(`\n${(error as Error).message}\n`);
      process.exitCode = 1;
    } finally {
      rmSync(ledger, { recursive: true, force: true });
    }
  };
}
