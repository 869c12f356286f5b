import { describe, expect, it } from "vitest";
import {
  decodeFrontDoorAnswer,
  frontDoorAnswerFor,
  encodeFrontDoorAnswer,
  originForm,
} from "@/lib/front-door/front-door-answer";

describe("frontDoorAnswerFor", () => {
  it.each([
    ["GET", "/api/v1/processes"],
    ["HEAD", "/api/v1/processes"],
    ["PUT", "/api/v1/processes/7"],
    ["PUT", "/api/v1/processes/7?x=1"],
    ["POST", "/api/auth/callback/credentials"],
    ["GET", "/api/auth/session"],
    ["POST", "/api/auth/oidc/backchannel-logout"],
    ["GET", "/settings/processes"],
    ["HEAD", "/signin"],
    ["GET", "/_next/static/chunks/x.js"],
  ])("passes %s %s to Next", (method, target) => {
    expect(frontDoorAnswerFor(method, target)).toBeNull();
  });

  it.each([
    ["TRACE", "/api/v1/processes", "GET, PUT, HEAD, OPTIONS"],
    ["CONNECT", "/", "GET, HEAD, OPTIONS"],
    ["TRACK", "/settings", "GET, HEAD, OPTIONS"],
    ["PROPFIND", "/api/v1/tokens/3", "DELETE, OPTIONS"],
    ["DELETE", "/api/v1/processes", "GET, PUT, HEAD, OPTIONS"],
    ["PATCH", "/api/v1/processes/7", "GET, PUT, HEAD, OPTIONS"],
    ["POST", "/api/v1/errors", "GET, HEAD, OPTIONS"],
    ["PUT", "/api/auth/session", "GET, POST, OPTIONS"],
    ["HEAD", "/api/auth/session", "GET, POST, OPTIONS"],
    ["HEAD", "/api/auth/signin", "GET, POST, OPTIONS"],
    ["GET", "/api/auth/oidc/backchannel-logout", "POST, OPTIONS"],
    ["POST", "/settings/processes", "GET, HEAD, OPTIONS"],
    ["DELETE", "/_next/static/chunks/x.js", "GET, HEAD, OPTIONS"],
    ["TRACE", "/__nextjs_original-stack-frames", "GET, HEAD, OPTIONS"],
  ])("refuses %s %s with 405, Allow %s", (method, target, allow) => {
    expect(frontDoorAnswerFor(method, target)).toEqual({ status: 405, method, path: target, allow });
  });

  it.each([
    ["GET", "/api/v1/nothing"],
    ["TRACE", "/api/v1/nothing"],
    ["GET", "/api"],
    ["GET", "/api/front-door"],
    ["GET", "/api/v1/processes/7/extra"],
    ["GET", "/api/v1/processes/"],
    ["PUT", "/api/v1/processes/7/"],
    ["GET", "/api/health/?x=1"],
  ])("answers %s %s with 404", (method, target) => {
    expect(frontDoorAnswerFor(method, target)).toMatchObject({ status: 404, allow: null });
  });

  it.each([
    ["/api/v1/tokens", "GET, POST, HEAD, OPTIONS"],
    ["/api/auth/signin", "GET, POST, OPTIONS"],
    ["/settings", "GET, HEAD, OPTIONS"],
  ])("answers OPTIONS %s with 204, Allow %s", (target, allow) => {
    expect(frontDoorAnswerFor("OPTIONS", target)).toMatchObject({ status: 204, allow });
  });
});

describe("originForm", () => {
  it.each([
    ["/api/v1/processes?x=1", "/api/v1/processes?x=1"],
    ["http://evil.example/api/v1/processes?x=1", "/api/v1/processes?x=1"],
    ["*", "/"],
    ["evil.example:443", "/"],
    [undefined, "/"],
  ])("%j → %j", (target, expected) => expect(originForm(target)).toBe(expected));
});

describe("the front-door answer header", () => {
  it("round-trips any request line, and anything else is no answer", () => {
    const answer = { status: 405 as const, method: "TRACE", path: '/ä\r\n"x', allow: "GET" };
    const encoded = encodeFrontDoorAnswer(answer);
    expect(encoded).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeFrontDoorAnswer(encoded)).toEqual(answer);
    for (const bad of [
      null,
      "",
      "%",
      "{}",
      encodeURIComponent('{"status":200,"method":"GET","path":"/","allow":null}'),
    ])
      expect(decodeFrontDoorAnswer(bad)).toBeNull();
  });
});
