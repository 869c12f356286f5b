import { describe, expect, it } from "vitest";
import { allowedMethods, API_ROUTES } from "@/lib/api/routes";

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
