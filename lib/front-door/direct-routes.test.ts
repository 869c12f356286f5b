import { describe, expect, it } from "vitest";
import { directRouteFor, registerDirectRoute, type DirectHandler } from "@/lib/front-door/direct-routes";
import { acceptsGzip } from "@/lib/front-door/serve-direct";

const list: DirectHandler = async () => new Response("list");
const bulk: DirectHandler = async () => new Response("bulk");
const one: DirectHandler = async () => new Response("one");

describe("directRouteFor", () => {
  it("answers nothing until a route module registered", () => {
    expect(directRouteFor("GET", "/api/v1/processes")).toBeNull();
  });

  it.each([
    ["GET", "/api/v1/processes", list, {}],
    ["GET", "/api/v1/processes?include=lastChange", list, {}],
    ["PUT", "/api/v1/processes", bulk, {}],
    ["PUT", "/api/v1/processes/7", one, { id: "7" }],
    ["PUT", "/api/v1/processes/%37?x=1", one, { id: "7" }],
    ["PUT", "/api/v1/processes/abc", one, { id: "abc" }],
  ])("%s %s goes to its handler with its parameters", (method, target, handler, params) => {
    registerDirectRoute("GET /api/v1/processes", list);
    registerDirectRoute("PUT /api/v1/processes", bulk);
    registerDirectRoute("PUT /api/v1/processes/{id}", one);
    expect(directRouteFor(method, target)).toEqual({ handler, params });
  });

  it.each([
    ["HEAD", "/api/v1/processes"],
    ["POST", "/api/v1/processes"],
    ["GET", "/api/v1/processes/7"],
    ["GET", "/api/v1/processes/events"],
    ["PUT", "/api/v1/processes/7/history"],
    ["PUT", "/api/v1/processes/"],
    ["GET", "/api/v1/processes/"],
    ["GET", "/api/v1//processes"],
    ["PUT", "/api/v1/processes/%E0%A4%A"],
    ["GET", "/api/front-door"],
    [undefined, "/api/v1/processes"],
  ])("%s %s is left to Next", (method, target) => {
    expect(directRouteFor(method, target)).toBeNull();
  });
});

describe("acceptsGzip", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["gzip", true],
    ["gzip, deflate, br", true],
    ["deflate", false],
    ["br;q=1.0, gzip;q=0.5", true],
    ["gzip;q=0", false],
    ["GZIP", true],
    ["*", true],
    ["*;q=0", false],
    ["*, gzip;q=0", false],
    ["identity", false],
  ])("Accept-Encoding %j: %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
