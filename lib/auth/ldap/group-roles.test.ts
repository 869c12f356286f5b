import { describe, expect, it } from "vitest";
import { normalizeDn, parseGroupRoles, roleForGroups } from "@/lib/auth/ldap/group-roles";

const ADMINS = "cn=plant-admins,ou=groups,dc=plant,dc=test";
const ENGINEERS = "cn=plant-engineers,ou=groups,dc=plant,dc=test";
const OPERATORS = "cn=plant-operators,ou=groups,dc=plant,dc=test";
const SETTING = `${ADMINS}=Super user; ${ENGINEERS}=Advanced user;${OPERATORS}=User`;

const mapping = (() => {
  const parsed = parseGroupRoles(SETTING);
  if (!("mapping" in parsed)) throw new Error(parsed.problems.join("; "));
  return parsed.mapping;
})();

describe("group DNs to roles", () => {
  it.each([
    ["no group", [], null],
    ["an unmapped group", ["cn=canteen,ou=groups,dc=plant,dc=test"], null],
    ["operators", [OPERATORS], "User"],
    ["engineers", [ENGINEERS], "Advanced user"],
    ["admins", [ADMINS], "Super user"],
    ["operators and engineers: the higher", [OPERATORS, ENGINEERS], "Advanced user"],
    ["all three, in any order", [ADMINS, OPERATORS, ENGINEERS], "Super user"],
    ["another spelling of the same DN", ["CN=Plant-Admins, OU=Groups, DC=plant, DC=test"], "Super user"],
    ["a DN that only ends like a mapped one", [`cn=x,${ADMINS}`], null],
  ])("%s → %s", (_name, groups: string[], role) => {
    expect(roleForGroups(groups, mapping)).toBe(role);
  });

  it.each([
    ["", "names no group"],
    ["cn=a,dc=x=Owner", "is not <group DN>="],
    ["cn=a,dc=x", "is not <group DN>="],
    ["=User", "is not <group DN>="],
    ["notadn=User;cn=a,dc=x=User", '"notadn=User" is not <group DN>='],
    ["cn=a,dc=x=user", "is not <group DN>="],
    [`${OPERATORS}=User`, null],
  ])("the setting %j: %s", (text, problem) => {
    const parsed = parseGroupRoles(text);
    if (problem === null) expect(parsed).toHaveProperty("mapping");
    else expect("problems" in parsed && parsed.problems.join(" ")).toContain(problem);
  });

  it("a group named twice keeps its higher role", () => {
    const parsed = parseGroupRoles(`${OPERATORS}=User;${OPERATORS}=Advanced user`);
    expect("mapping" in parsed && parsed.mapping.get(normalizeDn(OPERATORS)!)).toBe("Advanced user");
  });

  it("normalizes DNs: case and spaces around separators, escaped commas kept", () => {
    expect(normalizeDn(" CN=Plant Admins , OU=Groups,DC=Plant ")).toBe("cn=plant admins,ou=groups,dc=plant");
    expect(normalizeDn("cn=Smith\\, John,dc=x")).toBe("cn=smith\\, john,dc=x");
    expect(normalizeDn("no-equals")).toBeNull();
    expect(normalizeDn("cn=a,,dc=x")).toBeNull();
  });
});
