import { describe, expect, it } from "vitest";
import { escapeFilterBytes, escapeFilterValue, fillFilter, isBalancedFilter } from "@/lib/auth/ldap/ldap-filter";

describe("LDAP filter values (RFC 4515)", () => {
  it.each([
    ["alice", "alice"],
    ["alice@plant.test", "alice@plant.test"],
    ["*", "\\2a"],
    ["*)(uid=*", "\\2a\\29\\28uid=\\2a"],
    ["a\\b", "a\\5cb"],
    ["nul\u0000x", "nul\\00x"],
    ["(admin)", "\\28admin\\29"],
    ["Ёлка Пётр", "Ёлка Пётр"],
  ])("%j → %j", (value, escaped) => {
    expect(escapeFilterValue(value)).toBe(escaped);
  });

  it("fills every placeholder of a template, escaped, and leaves unknown ones", () => {
    expect(fillFilter("(|(sAMAccountName={login})(mail={login}))", { login: "ali*" })).toBe(
      "(|(sAMAccountName=ali\\2a)(mail=ali\\2a))",
    );
    expect(fillFilter("(member={dn})", { dn: "cn=a(b),dc=x" })).toBe("(member=cn=a\\28b\\29,dc=x)");
    expect(fillFilter("(x={other})", { login: "a" })).toBe("(x={other})");
  });

  it("escapes binary values byte by byte", () => {
    expect(escapeFilterBytes(new Uint8Array([0, 0x2a, 0xff]))).toBe("\\00\\2a\\ff");
  });

  it.each([
    ["(uid={login})", true],
    ["(|(sAMAccountName={login})(mail={login}))", true],
    ["(uid=\\28{login})", true],
    ["uid={login}", false],
    ["(uid={login}", false],
    ["(uid={login}))", false],
    ["(a)(b)", false],
  ])("%s is one balanced filter: %s", (filter, balanced) => {
    expect(isBalancedFilter(filter)).toBe(balanced);
  });
});
