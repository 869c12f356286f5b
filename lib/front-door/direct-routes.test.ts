import { beforeEach, describe, expect, it } from "vitest";
import { directRouteFor, registerDirectRoute, type DirectHandler } from "@/lib/front-door/direct-routes";
import { acceptsGzip } from "@/lib/front-door/serve-direct";

const list: DirectHandler = async () => new Response("list");
const bulk: DirectHandler = async () => new Response("bulk");
const one: DirectHandler = async () => new Response("one");

describe("directRouteFor", () => {
  // The registry is process-wide (on globalThis): each case starts from an empty one.
  beforeEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("plant-processes.direct-routes")];
  });
  const registerAll = () => {
    registerDirectRoute("GET /api/v1/processes", list);
    registerDirectRoute("PUT /api/v1/processes", bulk);
    registerDirectRoute("PUT /api/v1/processes/{id}", one);
  };

  it("answers nothing until a route module registered", () => {
    expect(directRouteFor("GET", "/api/v1/processes")).toBeNull();
    registerDirectRoute("PUT /api/v1/processes", bulk);
    expect(directRouteFor("GET", "/api/v1/processes")).toBeNull();
    expect(directRouteFor("PUT", "/api/v1/processes")).toEqual({ handler: bulk, params: {} });
  });

  it.each([
    ["GET", "/api/v1/processes", list, {}],
    ["GET", "/api/v1/processes?include=lastChange", list, {}],
    ["PUT", "/api/v1/processes", bulk, {}],
    ["PUT", "/api/v1/processes/7", one, { id: "7" }],
    ["PUT", "/api/v1/processes/%37?x=1", one, { id: "7" }],
    ["PUT", "/api/v1/processes/abc", one, { id: "abc" }],
  ])("%s %s goes to its handler with its parameters", (method, target, handler, params) => {
    registerAll();
    expect(directRouteFor(method, target)).toEqual({ handler, params });
  });

  it.each([
    ["HEAD", "/api/v1/processes"],
    ["POST", "/api/v1/processes"],
    ["GET", "/api/v1/processes/7"],
    ["GET", "/api/v1/processes/events"],
    // A fixed segment wins over {id}, as in Next's routing: the events route, which has no PUT, answers.
    ["PUT", "/api/v1/processes/events"],
    ["PUT", "/api/v1/processes/7/history"],
    ["PUT", "/api/v1/processes/"],
    ["GET", "/api/v1/processes/"],
    ["GET", "/api/v1//processes"],
    ["PUT", "/api/v1/processes/%E0%A4%A"],
    ["GET", "/api/front-door"],
    [undefined, "/api/v1/processes"],
  ])("%s %s is left to Next", (method, target) => {
    registerAll();
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
