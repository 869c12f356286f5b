import { describe, expect, it } from "vitest";
import { processFixture } from "@/test/support/process-fixture";
import { savedStep, SavedSteps } from "./save-undo";

const written = [{ ...processFixture(1, "New", "c"), version: 4 }, processFixture(2, "Same", "")];

describe("savedStep", () => {
  it("keeps each changed row's values before and as written, with the new version", () => {
    expect(
      savedStep(
        [
          { id: 1, before: { name: "Old", comment: "c" } },
          { id: 2, before: { name: "Same", comment: "" } },
          { id: 3, before: { name: "Not answered", comment: "" } },
          { id: 1 },
        ],
        written,
      ),
    ).toEqual({
      rows: [{ id: 1, before: { name: "Old", comment: "c" }, after: { name: "New", comment: "c", version: 4 } }],
    });
  });
  it("nothing changed: no step", () => {
    expect(savedStep([{ id: 2, before: { name: "Same", comment: "" } }], written)).toBeNull();
  });
});

describe("SavedSteps", () => {
  it("takes the newest, or the one named, each once", () => {
    const steps = new SavedSteps();
    const a = { rows: [] };
    const b = { rows: [] };
    steps.push(a);
    steps.push(b);
    expect(steps.take(a)).toBe(a);
    expect(steps.take(a)).toBeUndefined();
    expect(steps.take()).toBe(b);
    expect(steps.take()).toBeUndefined();
  });
});
