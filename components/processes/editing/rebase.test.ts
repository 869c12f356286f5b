import { describe, expect, it } from "vitest";
import { rebase, rebasedEntry, resolvedEntry, takeTheirs } from "./rebase";
import type { Base, RowEntry } from "../model/row-entry";

const base: Base = { name: "Degreasing", comment: "Line 1", version: 3 };
const at = (fields: Partial<Base>, version = 4): Base => ({ ...base, ...fields, version });

type Case = { name: string; mine: Partial<Base>; theirs: Base | null; expected: ReturnType<typeof rebase> };

const cases: Case[] = [
  {
    name: "I changed the name, they the comment: merged, their comment plus my name, against their version",
    mine: { name: "Etching" },
    theirs: at({ comment: "Line 2" }),
    expected: {
      kind: "merged",
      draft: { name: "Etching", comment: "Line 2" },
      base: at({ comment: "Line 2" }),
      theirFields: ["comment"],
    },
  },
  {
    name: "I changed the comment, they the name: merged the other way round",
    mine: { comment: "Tank 3" },
    theirs: at({ name: "Rinsing" }, 9),
    expected: {
      kind: "merged",
      draft: { name: "Rinsing", comment: "Tank 3" },
      base: at({ name: "Rinsing" }, 9),
      theirFields: ["name"],
    },
  },
  {
    name: "both changed the name to different values: conflict on name; their untouched comment is taken",
    mine: { name: "Etching" },
    theirs: at({ name: "Rinsing", comment: "Line 2" }),
    expected: {
      kind: "conflict",
      draft: { name: "Etching", comment: "Line 2" },
      base: at({ name: "Rinsing", comment: "Line 2" }),
      fields: ["name"],
    },
  },
  {
    name: "both changed both fields: conflict on both",
    mine: { name: "Etching", comment: "Mine" },
    theirs: at({ name: "Rinsing", comment: "Theirs" }),
    expected: {
      kind: "conflict",
      draft: { name: "Etching", comment: "Mine" },
      base: at({ name: "Rinsing", comment: "Theirs" }),
      fields: ["name", "comment"],
    },
  },
  {
    name: "both changed both fields, one to the same value: conflict only where they differ",
    mine: { name: "Etching", comment: "Same" },
    theirs: at({ name: "Rinsing", comment: "Same" }),
    expected: {
      kind: "conflict",
      draft: { name: "Etching", comment: "Same" },
      base: at({ name: "Rinsing", comment: "Same" }),
      fields: ["name"],
    },
  },
  {
    name: "both typed the same value: agreement, nothing left to save",
    mine: { name: "Etching" },
    theirs: at({ name: "Etching" }),
    expected: { kind: "merged", draft: undefined, base: at({ name: "Etching" }), theirFields: ["name"] },
  },
  {
    name: "they only bumped the version (a write of the same values): my draft, against their version",
    mine: { name: "Etching" },
    theirs: at({}),
    expected: { kind: "merged", draft: { name: "Etching", comment: "Line 1" }, base: at({}), theirFields: [] },
  },
  {
    name: "an empty string is a value like any other: I cleared the comment, they renamed",
    mine: { comment: "" },
    theirs: at({ name: "Rinsing" }),
    expected: {
      kind: "merged",
      draft: { name: "Rinsing", comment: "" },
      base: at({ name: "Rinsing" }),
      theirFields: ["name"],
    },
  },
  {
    name: "the process was deleted: gone",
    mine: { name: "Etching" },
    theirs: null,
    expected: { kind: "gone" },
  },
];

describe("rebase: my edit over someone else's change", () => {
  it.each(cases)("$name", ({ mine, theirs, expected }) => {
    const draft = { name: mine.name ?? base.name, comment: mine.comment ?? base.comment };
    expect(rebase(base, draft, theirs)).toEqual(expected);
  });
});

describe("rebasedEntry: what the row holds afterwards", () => {
  const entry = (draft: Partial<Base>): RowEntry => ({
    draft: { name: draft.name ?? base.name, comment: draft.comment ?? base.comment },
    base,
  });
  const change = { by: "b@example.com", at: "2026-11-29T14:00:00.000Z" };

  it("a quiet merge says so and moves the base to their version", () => {
    const next = rebasedEntry(entry({ name: "Etching" }), at({ comment: "Line 2" }), change);
    expect(next).toMatchObject({
      draft: { name: "Etching", comment: "Line 2" },
      base: at({ comment: "Line 2" }),
      outcome: { kind: "merged", by: "b@example.com", fields: ["comment"] },
    });
    expect(next?.conflict).toBeUndefined();
  });

  it("a conflict keeps my draft and the base both sides started from, with who and when", () => {
    const next = rebasedEntry(entry({ name: "Etching" }), at({ name: "Rinsing" }), change);
    expect(next).toMatchObject({
      draft: { name: "Etching", comment: "Line 1" },
      base,
      conflict: { theirs: at({ name: "Rinsing" }), fields: ["name"], ...change },
    });
  });

  it.each([
    { name: "no draft", old: undefined },
    { name: "a draft without a base (sent with no version)", old: { draft: { name: "x", comment: "" } } },
    { name: "their version is not newer (my own save's echo)", old: entry({ name: "Etching" }), version: 3 },
  ])("leaves the row as it is with $name", ({ old, version }) => {
    expect(rebasedEntry(old, at({ name: "Rinsing" }, version ?? 4), change)).toBe(old);
  });

  it("a deleted process leaves the draft for the gone marker", () => {
    const old = entry({ name: "Etching" });
    expect(rebasedEntry(old, null, change)).toBe(old);
  });
});

describe("resolving a conflict", () => {
  const conflicted: RowEntry = {
    draft: { name: "Etching", comment: "Mine too" },
    base,
    conflict: { theirs: at({ name: "Rinsing" }, 5), fields: ["name"], by: "b", at: null },
  };

  it("Keep mine: my values, against their version, the conflict closed", () => {
    expect(resolvedEntry(conflicted, "mine")).toEqual({
      draft: { name: "Etching", comment: "Mine too" },
      base: at({ name: "Rinsing" }, 5),
      schemaErrors: undefined,
      serverErrors: undefined,
      outcome: undefined,
    });
  });

  it("Take theirs: their value in the conflicting field, my other edit kept", () => {
    expect(resolvedEntry(conflicted, "theirs")).toMatchObject({
      draft: { name: "Rinsing", comment: "Mine too" },
      base: at({ name: "Rinsing" }, 5),
    });
    expect(resolvedEntry(conflicted, "theirs")?.conflict).toBeUndefined();
  });

  it("Take theirs with nothing else edited leaves no draft", () => {
    expect(takeTheirs({ name: "Etching", comment: "Line 1" }, at({ name: "Rinsing" }), ["name"])).toEqual({
      draft: undefined,
      base: at({ name: "Rinsing" }),
    });
  });
});
