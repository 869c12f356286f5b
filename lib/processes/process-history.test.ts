import { describe, expect, it } from "vitest";
import { toProcessChange } from "@/lib/processes/process-history";
import { processChangeSchema } from "@/lib/validations/process-history";

const row = {
  id: 7,
  processId: 3,
  version: 2,
  name: "Extrusion",
  comment: "",
  previousName: "Extrusio",
  previousComment: "",
  changedAt: new Date("2026-11-29T12:00:00.000Z"),
  actorType: "unknown",
  actorId: null,
  actorName: null,
  requestId: null,
};

describe("toProcessChange: a history row's kind as the API names it", () => {
  it.each([
    ["create", "created"],
    ["update", "updated"],
    ["delete", "deleted"],
    // A value no migration writes is not passed through unchecked.
    ["truncate", "updated"],
  ])("%s → %s, a valid change", (kind, expected) => {
    const change = toProcessChange({ ...row, kind });
    expect(change.kind).toBe(expected);
    expect(processChangeSchema.parse(change)).toEqual(change);
  });

  it("a creation has no previous values; a deletion keeps the last ones", () => {
    expect(toProcessChange({ ...row, kind: "create", previousName: null, previousComment: null }).previous).toBeNull();
    expect(
      toProcessChange({ ...row, kind: "delete", previousName: "Extrusion", previousComment: "" }).previous,
    ).toEqual({ name: "Extrusion", comment: "" });
  });
});
