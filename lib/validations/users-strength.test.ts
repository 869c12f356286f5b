import { describe, expect, it } from "vitest";
import { issue } from "@/lib/validations/issues";
import { userAddSchema } from "@/lib/validations/users-strength";

describe("userAddSchema (the server's POST /users body)", () => {
  const body = { email: "olga.ivanova@plant.example", name: "Olga Ivanova", role: "User" };

  it.each([
    ["the email's local part", "olga.ivanova-kettle-9"],
    ["a word of it, in other case", "Kettle-IVANOVA-lamp-77"],
    ["the name", "zebra-quilt-Olga-4411"],
  ])("refuses an initial password holding %s, at /password", (_, password) => {
    const result = userAddSchema.safeParse({ ...body, password });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path, i.message])).toEqual([[["password"], issue("containsEmail")]]);
  });

  it("accepts a strong one without them, and no password at all (a link is sent instead)", () => {
    expect(userAddSchema.safeParse({ ...body, password: "plum-kettle-orbit-42" }).data?.password).toBe(
      "plum-kettle-orbit-42",
    );
    expect(userAddSchema.safeParse(body).data).toEqual(body);
  });

  it("says only the length rule for a short password (no strength estimate on top)", () => {
    const result = userAddSchema.safeParse({ ...body, password: "olga" });
    expect(result.error!.issues.map((i) => i.message)).toEqual([issue("tooShort", { min: 12 })]);
  });
});
