import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { COST, DUMMY_HASH } from "@/lib/auth/password";

describe("the dummy hash an unknown email is checked against", () => {
  it("has the cost of a real one, so an unknown email takes as long as a wrong password", () => {
    expect(bcrypt.getRounds(DUMMY_HASH)).toBe(COST);
  });
  it("is a well-formed bcrypt hash (of a password nobody has)", () => {
    expect(bcrypt.compareSync("not-a-real-password", DUMMY_HASH)).toBe(true);
    expect(bcrypt.compareSync("", DUMMY_HASH)).toBe(false);
  });
});
