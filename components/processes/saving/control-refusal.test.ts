import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/query/api-error";
import { controlRefusal } from "./control-refusal";

const refusal = (code: number, pointers: string[]) =>
  new ApiError(400, {
    type: `/api/v1/errors#${code}`,
    title: "Incorrect data",
    status: 400,
    code,
    errors: pointers.map((pointer) => ({ pointer, detail: "x" })),
  });

describe("controlRefusal", () => {
  it.each([
    [["/reason"], "reason"],
    [["/processes/12/reason", "/processes/13/reason"], "reason"],
    [["/signature"], "signature"],
    [["/signature/password"], "password"],
    [["/signature/timeZone"], "timeZone"],
    [["/name"], null],
    [["/processes/1/name"], null],
    [["/processes/x/reason"], null],
  ] as const)("%j → %s", (pointers, expected) => {
    expect(controlRefusal(refusal(1001, [...pointers]))).toBe(expected);
  });

  it("is null for other codes and for errors that are no API answer", () => {
    expect(controlRefusal(refusal(1007, ["/reason"]))).toBeNull();
    expect(controlRefusal(new Error("network"))).toBeNull();
  });
});
