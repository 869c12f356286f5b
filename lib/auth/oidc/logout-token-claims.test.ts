import { describe, expect, it } from "vitest";
import { BACKCHANNEL_LOGOUT_EVENT, checkLogoutClaims } from "@/lib/auth/oidc/logout-token-claims";

const NOW = 1_800_000_000;
const EXPECTED = { issuer: "https://idp.example/realms/plant", clientId: "plant-processes", nowSeconds: NOW };

const valid = {
  iss: EXPECTED.issuer,
  aud: EXPECTED.clientId,
  iat: NOW - 5,
  exp: NOW + 115,
  jti: "jti-1",
  sid: "sid-1",
  sub: "sub-1",
  events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
};

describe("checkLogoutClaims (Back-Channel Logout 1.0, 2.6)", () => {
  it("accepts a valid token and returns what it names", () => {
    expect(checkLogoutClaims(valid, EXPECTED)).toEqual({
      ok: true,
      request: { jti: "jti-1", sid: "sid-1", sub: "sub-1", iat: NOW - 5 },
    });
  });

  it.each([
    ["sid alone", { sub: undefined }, { sid: "sid-1", sub: null }],
    ["sub alone", { sid: undefined }, { sid: null, sub: "sub-1" }],
    ["aud as a list that names the client", { aud: ["other", EXPECTED.clientId] }, { sid: "sid-1" }],
    ["no exp", { exp: undefined }, { jti: "jti-1" }],
    ["iat a little ahead (clock skew)", { iat: NOW + 30 }, { iat: NOW + 30 }],
  ])("accepts %s", (_, change, expected) => {
    const result = checkLogoutClaims({ ...valid, ...change }, EXPECTED);
    expect(result.ok).toBe(true);
    expect(result.ok && result.request).toMatchObject(expected);
  });

  it.each([
    ["another issuer", { iss: "https://evil.example" }, "iss is not the configured issuer"],
    ["no issuer", { iss: undefined }, "iss is not the configured issuer"],
    ["another audience", { aud: "someone-else" }, "aud does not name this client"],
    ["an audience list without the client", { aud: ["a", "b"] }, "aud does not name this client"],
    ["no iat", { iat: undefined }, "iat is missing"],
    ["iat as a string", { iat: String(NOW) }, "iat is missing"],
    ["iat far ahead", { iat: NOW + 3600 }, "iat is in the future"],
    ["iat too old", { iat: NOW - 3600 }, "iat is too old"],
    ["exp passed", { exp: NOW - 600 }, "exp has passed"],
    ["no jti", { jti: undefined }, "jti is missing"],
    ["an empty jti", { jti: "" }, "jti is missing"],
    ["no events", { events: undefined }, "events lacks the back-channel logout event"],
    [
      "events without the logout event",
      { events: { "http://other": {} } },
      "events lacks the back-channel logout event",
    ],
    [
      "the event not an object",
      { events: { [BACKCHANNEL_LOGOUT_EVENT]: true } },
      "events lacks the back-channel logout event",
    ],
    ["events as a list", { events: [BACKCHANNEL_LOGOUT_EVENT] }, "events lacks the back-channel logout event"],
    ["neither sid nor sub", { sid: undefined, sub: undefined }, "neither sid nor sub is present"],
    ["sid not a string", { sid: 42 }, "sid is not a string"],
    ["sub empty", { sub: "" }, "sub is not a string"],
    ["a nonce", { nonce: "n-0S6_WzA2Mj" }, "a logout token must not carry a nonce"],
  ])("refuses %s", (_, change, problem) => {
    const claims = Object.fromEntries(
      Object.entries({ ...valid, ...change }).filter(([, v]) => v !== undefined),
    ) as Record<string, unknown>;
    expect(checkLogoutClaims(claims, EXPECTED)).toEqual({ ok: false, problem });
  });
});
