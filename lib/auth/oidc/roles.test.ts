import { describe, expect, it } from "vitest";
import { claimValues, roleFromClaims } from "@/lib/auth/oidc/roles";
import type { RoleMapping } from "@/lib/env-rules";

const MAP: RoleMapping[] = [
  { value: "plant-admin", role: "Super user" },
  { value: "plant-lead", role: "Advanced user" },
  { value: "plant-operator", role: "User" },
];

describe("roleFromClaims (OIDC_ROLE_CLAIM, OIDC_ROLE_MAP)", () => {
  it.each([
    ["one mapped value", { roles: ["plant-operator"] }, "roles", "User"],
    ["the lead", { roles: ["plant-lead"] }, "roles", "Advanced user"],
    ["the admin", { roles: ["plant-admin"] }, "roles", "Super user"],
    ["the highest of several wins", { roles: ["plant-operator", "plant-admin", "plant-lead"] }, "roles", "Super user"],
    ["unmapped values beside a mapped one", { roles: ["guest", "plant-lead"] }, "roles", "Advanced user"],
    ["a single string", { roles: "plant-lead" }, "roles", "Advanced user"],
    ["a nested path", { realm_access: { roles: ["plant-admin"] } }, "realm_access.roles", "Super user"],
    [
      "a namespaced claim with dots",
      { "https://plant.example/roles": ["plant-lead"] },
      "https://plant.example/roles",
      "Advanced user",
    ],
    ["no mapped value", { roles: ["guest"] }, "roles", null],
    ["no claim", { email: "a@example.com" }, "roles", null],
    ["an empty list", { roles: [] }, "roles", null],
    ["values are matched exactly (case)", { roles: ["Plant-Admin"] }, "roles", null],
    ["a number is no value", { roles: [1, true, null] }, "roles", null],
    ["an object at the path's end", { realm_access: { roles: { a: "plant-admin" } } }, "realm_access.roles", null],
    ["a path through a list", { realm_access: [{ roles: ["plant-admin"] }] }, "realm_access.roles", null],
    ["the claim of another path", { roles: ["plant-admin"] }, "groups", null],
  ] as const)("%s", (_, claims, claim, role) => {
    expect(roleFromClaims(claims as Record<string, unknown>, claim, MAP)).toBe(role);
  });

  it("does not walk into inherited properties", () => {
    expect(claimValues({ a: {} }, "a.constructor")).toEqual([]);
    expect(claimValues({}, "__proto__.x")).toEqual([]);
  });
});
