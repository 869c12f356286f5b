import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { type Answer, OpenApiChecker, type OpenApiDocument } from "@/test/support/openapi-check";

// Every answer a contract suite receives through test/support/http.ts or raw-http.ts is checked against the
// document the server under test publishes; a mismatch fails the test. Which operation and status each
// answer exercised is noted in the run's ledger, which test/support/openapi-coverage.ts reads at the end.

export const DOCUMENT_PATH = "/api/v1/openapi.json";

declare module "vitest" {
  interface ProvidedContext {
    /** The folder where this run's answers are noted (test/support/openapi-coverage.ts). */
    openapiLedger: string;
  }
}

const checkers = new Map<string, Promise<OpenApiChecker>>();

async function checkerFor(baseUrl: string): Promise<OpenApiChecker> {
  let checker = checkers.get(baseUrl);
  if (!checker) {
    checker = fetch(baseUrl + DOCUMENT_PATH).then(async (res) => {
      if (res.status !== 200) throw new Error(`${DOCUMENT_PATH} answered ${res.status}`);
      const document = (await res.json()) as OpenApiDocument;
      const ledger = ledgerDir();
      if (ledger && !existsSync(path.join(ledger, "document.json")))
        writeFileSync(path.join(ledger, "document.json"), JSON.stringify(document));
      return new OpenApiChecker(document);
    });
    checkers.set(baseUrl, checker);
    // A server that failed to answer may be replaced by another on the same port: try again next time.
    checker.catch(() => checkers.delete(baseUrl));
  }
  return checker;
}

function ledgerDir(): string | undefined {
  try {
    return inject("openapiLedger");
  } catch {
    return undefined; // outside a Vitest run with the global setup
  }
}

/** Checks one answer against the published document and notes the operation it exercised. */
export async function checkAnswer(baseUrl: string, answer: Answer): Promise<void> {
  const verdict = (await checkerFor(baseUrl)).check(answer);
  const ledger = ledgerDir();
  if (verdict.operation && ledger)
    appendFileSync(path.join(ledger, `answers-${process.pid}.log`), `${verdict.operation} ${answer.status}\n`);
  if (verdict.problems.length > 0)
    throw new Error(`The answer does not match the published OpenAPI document:\n  ${verdict.problems.join("\n  ")}`);
}
