import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMPILED, COMPILED_STAMP, fingerprintInputs, sourceFingerprint } from "@/scripts/source-fingerprint.mjs";
import { assertBuildMatchesTree, STALE_BUILD_MESSAGE } from "@/test/support/build-check";
import { startServer } from "@/test/support/test-server";

// Issue 19: no contract or e2e test may pass against a build older than the tree. The harness compares the
// fingerprint `npm run build` wrote with the tree's and refuses, before any server starts.

const ROOT = process.cwd();
const cleanup: string[] = [];
afterAll(() => cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A build folder inside the project (NEXT_DIST_DIR allows no other) that claims the given fingerprint. */
function fakeBuild(root: string, fingerprint: string | undefined): string {
  const name = `.next-check-${process.pid}-${cleanup.length}`;
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  cleanup.push(dir);
  writeFileSync(path.join(dir, "BUILD_ID"), "fake\n");
  if (fingerprint !== undefined) writeFileSync(path.join(dir, "source-fingerprint"), `${fingerprint}\n`);
  return name;
}

/** The compiled files (dist/server.mjs, dist/cli.mjs, …) under `root`, stamped with the given fingerprint. */
function fakeCompiled(root: string, fingerprint: string, files = COMPILED.map((c) => c.file)): void {
  for (const file of files) {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), `${COMPILED_STAMP}${fingerprint}\nexport {};\n`);
  }
}

/** A copy of the build's inputs only, with one file changed by `edit`. */
function copyOfInputs(edit?: (root: string) => void): string {
  const root = mkdtempSync(path.join(tmpdir(), "fingerprint-"));
  cleanup.push(root);
  for (const file of fingerprintInputs(ROOT)) cpSync(path.join(ROOT, file), path.join(root, file));
  edit?.(root);
  return root;
}

describe("the harness refuses a build that was not made from the tree", () => {
  it.each<[string, string | undefined]>([
    ["made from other sources", "0".repeat(64)],
    ["made before builds carried a fingerprint", undefined],
  ])("startServer refuses a build %s, with the message, before starting anything", async (_, fingerprint) => {
    const distDir = fakeBuild(ROOT, fingerprint);
    await expect(startServer({ env: { NEXT_DIST_DIR: distDir } })).rejects.toThrow(STALE_BUILD_MESSAGE);
  });

  it.each<[string, (root: string) => void]>([
    ["a message catalog", (root) => writeFileSync(path.join(root, "messages/en.json"), "{}\n")],
    ["a data-layer source", (root) => writeFileSync(path.join(root, "lib/processes/list-processes.ts"), "// x\n")],
    ["the lock file", (root) => writeFileSync(path.join(root, "package-lock.json"), "{}\n")],
    ["a new source file", (root) => writeFileSync(path.join(root, "lib/new-module.ts"), "export {};\n")],
    ["the compiler's settings", (root) => writeFileSync(path.join(root, "scripts/compile-entry-points.mjs"), "//\n")],
    ["the compiler's options", (root) => writeFileSync(path.join(root, "scripts/compile-for-node.mjs"), "//\n")],
    ["the CLI", (root) => writeFileSync(path.join(root, "scripts/cli.ts"), "// x\n")],
    ["a CLI module", (root) => writeFileSync(path.join(root, "scripts/cli/table.ts"), "// x\n")],
    ["the seed script", (root) => writeFileSync(path.join(root, "scripts/db-seed.ts"), "// x\n")],
  ])("a change to %s makes the build stale", (_, edit) => {
    const built = copyOfInputs();
    const distDir = fakeBuild(built, sourceFingerprint(built));
    fakeCompiled(built, sourceFingerprint(built));
    expect(() => assertBuildMatchesTree({ root: built, distDir })).not.toThrow();
    const changed = copyOfInputs(edit);
    cpSync(path.join(built, distDir), path.join(changed, distDir), { recursive: true });
    fakeCompiled(changed, sourceFingerprint(built));
    expect(() => assertBuildMatchesTree({ root: changed, distDir })).toThrow(STALE_BUILD_MESSAGE);
  });

  it.each(
    COMPILED.flatMap(({ file }) => [
      [file, "made from other sources", "0".repeat(64)],
      [file, "missing", undefined],
    ]),
  )("a compiled file (%s) %s is refused though the Next build and the others are current", (file, _, fingerprint) => {
    const root = copyOfInputs();
    const tree = sourceFingerprint(root);
    const distDir = fakeBuild(root, tree);
    fakeCompiled(
      root,
      tree,
      COMPILED.map((c) => c.file).filter((f) => f !== file),
    );
    if (fingerprint !== undefined) fakeCompiled(root, fingerprint, [file!]);
    expect(() => assertBuildMatchesTree({ root, distDir })).toThrow(
      new RegExp(`${STALE_BUILD_MESSAGE} \\(${file!.replace(".", "\\.")} (was built from 000000000000|is missing)`),
    );
  });

  it.each<[string, string]>([
    ["a unit test", "lib/processes/new-case.test.ts"],
    ["a decision note", "docs/decisions/draft-note.md"],
    ["an end-to-end spec", "e2e/new.spec.ts"],
  ])("a change to %s leaves the build current", (_, file) => {
    const unchanged = sourceFingerprint(copyOfInputs());
    const root = copyOfInputs((r) => {
      mkdirSync(path.dirname(path.join(r, file)), { recursive: true });
      writeFileSync(path.join(r, file), "// not served\n");
    });
    expect(sourceFingerprint(root)).toBe(unchanged);
  });

  it("passes the build this run tests: npm run build wrote the tree's fingerprint", () => {
    expect(() => assertBuildMatchesTree()).not.toThrow();
  });
});
