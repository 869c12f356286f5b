import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Docs that point nowhere mislead the next engineer: every decision-note reference anywhere in the repository
// must name a note that exists (and, with a slug, that very file), every note's title must carry its file's
// number, and every relative link in the README and docs/ must reach a file.

const ROOT = path.resolve(import.meta.dirname, "..");
const NOTES_DIR = path.join(ROOT, "docs/decisions");
const TEXT = /\.(ts|tsx|mjs|js|md|css|json|sh|ya?ml|prisma|sql|py)$/;

const SKIP_DIRS = new Set(["node_modules", ".git", "generated", "test-results", "playwright-report", "bench-results"]);

/** Every file below `dir` (repo-relative), without dependencies, build output or generated code. */
function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (!entry.isDirectory()) return [rel];
    return SKIP_DIRS.has(entry.name) || entry.name.startsWith(".next") ? [] : walk(rel);
  });
}

/** Tracked and new (not ignored) files: what a commit would hold. Without git (an exported tree), a walk. */
function repoFiles(): string[] {
  let files: string[];
  try {
    const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT });
    files = out.toString().split("\n");
  } catch {
    files = walk("");
  }
  return files.filter((f) => TEXT.test(f) && f !== "package-lock.json" && existsSync(path.join(ROOT, f)));
}

const notes = readdirSync(NOTES_DIR).filter((f) => /^\d{3}-.+\.md$/.test(f));

type Finding = { where: string; problem: string };

/** What is wrong with one reference ("docs/decisions/007", ".../007-custom-server…", "note 018"), or null. */
export function noteReferenceProblem(reference: string, noteFiles: readonly string[]): string | null {
  const match = /(\d{3})(-[a-z0-9-]+)?(\.md)?$/.exec(reference);
  if (!match) return `unreadable reference ${reference}`;
  const [, number, slug] = match;
  const byNumber = noteFiles.filter((f) => f.startsWith(`${number}-`));
  if (byNumber.length === 0) return `${reference}: there is no note ${number}`;
  if (byNumber.length > 1) return `${reference}: notes ${byNumber.join(", ")} share the number ${number}`;
  if (slug && byNumber[0] !== `${number}${slug}.md`) return `${reference}: note ${number} is ${byNumber[0]}`;
  return null;
}

/** Targets of Markdown links `[text](target)` that are files of this repository (not URLs, not anchors). */
export function relativeLinks(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? "");
  return links
    .filter((target) => !/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target))
    .map((target) => decodeURI(target.replace(/[#?].*$/, "")))
    .filter((target) => target !== "");
}

describe("decision-note references and documentation links", () => {
  it("each note's title carries its file's number, and no two notes share one", () => {
    const findings: Finding[] = [];
    const seen = new Map<string, string>();
    for (const file of notes) {
      const number = file.slice(0, 3);
      const title = readFileSync(path.join(NOTES_DIR, file), "utf8").split("\n")[0] ?? "";
      if (!title.startsWith(`# ${number} `)) findings.push({ where: file, problem: `title is "${title}"` });
      if (seen.has(number))
        findings.push({ where: file, problem: `number ${number} also used by ${seen.get(number)}` });
      seen.set(number, file);
    }
    expect(notes.length).toBeGreaterThan(0);
    expect(findings).toEqual([]);
  });

  it("every docs/decisions/NNN and 'note NNN' reference names an existing note", () => {
    const findings: Finding[] = [];
    let references = 0;
    // This file's own examples are references to notes that do not exist, on purpose.
    for (const file of repoFiles().filter((f) => f !== "docs/links.test.ts")) {
      const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
      lines.forEach((line, index) => {
        const found = [
          ...line.matchAll(/docs\/decisions\/\d{3}(?:-[a-z0-9-]+)?(?:\.md)?/g),
          ...line.matchAll(/\bnote (\d{3})\b/gi),
        ].map((m) => m[0]);
        for (const reference of found) {
          references++;
          const problem = noteReferenceProblem(reference.replace(/^note /i, ""), notes);
          if (problem) findings.push({ where: `${file}:${index + 1}`, problem });
        }
      });
    }
    // The scan itself must find the references there are (the README alone has several).
    expect(references).toBeGreaterThan(20);
    expect(findings).toEqual([]);
  });

  it("every relative link in README.md and docs/**/*.md reaches a file", () => {
    const markdown = repoFiles().filter((f) => f === "README.md" || (f.startsWith("docs/") && f.endsWith(".md")));
    const findings: Finding[] = [];
    for (const file of markdown) {
      for (const target of relativeLinks(readFileSync(path.join(ROOT, file), "utf8"))) {
        const resolved = path.resolve(ROOT, path.dirname(file), target);
        if (!existsSync(resolved)) findings.push({ where: file, problem: `${target} does not exist` });
      }
    }
    expect(markdown).toContain("README.md");
    expect(findings).toEqual([]);
  });

  const NOTES = ["006-a.md", "007-custom-server.md"];
  it.each([
    ["docs/decisions/007", NOTES, null],
    ["docs/decisions/007-custom-server.md", NOTES, null],
    ["docs/decisions/007-custom-server", NOTES, null],
    ["docs/decisions/007-row-editor.md", NOTES, "docs/decisions/007-row-editor.md: note 007 is 007-custom-server.md"],
    ["docs/decisions/099", NOTES, "docs/decisions/099: there is no note 099"],
    ["018", NOTES, "018: there is no note 018"],
    [
      "docs/decisions/006",
      ["006-a.md", "006-b.md"],
      "docs/decisions/006: notes 006-a.md, 006-b.md share the number 006",
    ],
  ])("judges the reference %s", (reference, noteFiles, problem) => {
    expect(noteReferenceProblem(reference, noteFiles)).toBe(problem);
  });

  it("reads relative links and leaves URLs and anchors alone", () => {
    const text = '[a](docs/x.md) [b](https://example.com/y) [c](#part) [d](../z.md#sec "title") [e](mailto:x@y)';
    expect(relativeLinks(text)).toEqual(["docs/x.md", "../z.md"]);
  });
});
