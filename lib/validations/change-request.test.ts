import { describe, expect, it } from "vitest";
import { isProtectedBy } from "@/lib/validations/change-control";
import {
  changeRequestApproveSchema,
  changeRequestQuerySchema,
  changeRequestRejectSchema,
  changeRequestWithdrawSchema,
} from "@/lib/validations/change-request";

// Four-eyes approval (docs/decisions/043): which rows are protected, and what the decisions and the list take.

describe("isProtectedBy", () => {
  it.each([
    ["none", [], 3, false],
    ["all", [], 3, true],
    ["listed", [3, 7], 3, true],
    ["listed", [3, 7], 4, false],
    ["none", [3], 3, false],
  ] as const)("%s %j, process %i → %s", (protection, protectedIds, id, expected) => {
    expect(isProtectedBy({ protection, protectedIds: [...protectedIds] }, id)).toBe(expected);
  });
});

describe("decision bodies", () => {
  it("takes what each decision needs", () => {
    expect(changeRequestApproveSchema.parse({})).toEqual({});
    expect(changeRequestRejectSchema.parse({ reason: "Not validated" })).toEqual({ reason: "Not validated" });
    expect(changeRequestWithdrawSchema.parse({})).toEqual({});
    expect(changeRequestQuerySchema.parse({})).toEqual({ limit: 100 });
    expect(changeRequestQuerySchema.parse({ state: "pending", limit: "5" })).toEqual({ state: "pending", limit: 5 });
  });

  it.each([
    ["reject without a reason", changeRequestRejectSchema, {}, "reason"],
    ["reject with an empty reason", changeRequestRejectSchema, { reason: "" }, "reason"],
    ["reject with a two-line reason", changeRequestRejectSchema, { reason: "a\nb" }, "reason"],
    ["approve with an unknown member", changeRequestApproveSchema, { items: [] }, ""],
    [
      "approve with a signature lacking its meaning",
      changeRequestApproveSchema,
      { signature: { password: "x" } },
      "signature",
    ],
    ["a state that is none", changeRequestQuerySchema, { state: "open" }, "state"],
    ["a limit of 0", changeRequestQuerySchema, { limit: "0" }, "limit"],
    ["a limit of 501", changeRequestQuerySchema, { limit: "501" }, "limit"],
  ] as const)("refuses %s", (_, schema, input, path) => {
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(String(parsed.error?.issues[0]?.path[0] ?? "")).toBe(path);
  });
});
