import { describe, expect, it } from "vitest";
import { allowedMethods, API_ROUTES, matchRoute } from "@/lib/api/routes";

describe("allowedMethods (the proxy's 404/405 decisions)", () => {
  it.each([
    ["/api/v1/processes", ["GET", "PUT"]],
    ["/api/v1/processes/", []],
    ["/api/v1/processes/7/", []],
    ["/api/health/", []],
    ["/api/v1/processes/7", ["GET", "PUT"]],
    ["/api/v1/processes/anything", ["GET", "PUT"]],
    ["/api/v1/processes/events", ["GET", "PUT"]],
    ["/api/v1/tokens", ["GET", "POST"]],
    ["/api/v1/tokens/3", ["DELETE"]],
    ["/api/health", ["GET"]],
    ["/api/v1/processes/7/history", ["GET"]],
    ["/api/v1/processes/7/history/1", []],
    ["/api/v1/process", []],
    ["/api/v2/processes", []],
  ])("%s → %j", (path, methods) => {
    expect(allowedMethods(path)).toEqual(methods);
  });

  it("only reads need no write role, and tokens are the Super user's alone", () => {
    expect(API_ROUTES["GET /api/v1/processes"]).toEqual(["User", "Advanced user", "Super user"]);
    expect(API_ROUTES["PUT /api/v1/processes"]).toEqual(["Advanced user", "Super user"]);
    expect(API_ROUTES["PUT /api/v1/processes/{id}"]).toEqual(["Advanced user", "Super user"]);
    for (const key of ["GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}"] as const) {
      expect(API_ROUTES[key]).toEqual(["Super user"]);
    }
  });
});

describe("matchRoute (as Next routes a request)", () => {
  it.each([
    ["GET", "/api/v1/processes", { key: "GET /api/v1/processes", params: {} }],
    ["PUT", "/api/v1/processes/7", { key: "PUT /api/v1/processes/{id}", params: { id: "7" } }],
    ["PUT", "/api/v1/processes/%37", { key: "PUT /api/v1/processes/{id}", params: { id: "7" } }],
    ["GET", "/api/v1/processes/events", { key: "GET /api/v1/processes/events", params: {} }],
    ["GET", "/api/v1/processes/7/history", { key: "GET /api/v1/processes/{id}/history", params: { id: "7" } }],
    [
      "POST",
      "/api/v1/webhooks/3/deliveries/9/retry",
      { key: "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry", params: { id: "3", deliveryId: "9" } },
    ],
    // The fixed segment wins whatever the method: the events route has no PUT, so nothing is reached.
    ["PUT", "/api/v1/processes/events", null],
    ["DELETE", "/api/v1/processes/7", null],
    ["PUT", "/api/v1/processes/", null],
    ["PUT", "/api/v1/processes/%E0%A4%A", null],
  ])("%s %s → %j", (method, path, expected) => {
    expect(matchRoute(method, path)).toEqual(expected);
  });
});
