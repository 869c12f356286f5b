import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { API_ROUTES, SESSION_ONLY, type RouteKey } from "@/lib/api/routes";
import { ERROR_CODES } from "@/lib/errors";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { OpenApiChecker } from "@/test/support/openapi-check";

const document: any = buildOpenApiDocument();
const checker = new OpenApiChecker(document);
const operations = Object.entries(document.paths as Record<string, any>).flatMap(([path, item]) =>
  Object.entries(item as Record<string, any>).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${path}`,
    op: op as any,
  })),
);

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(document.openapi).toMatch(/^3\.1\./);
  });

  it("has exactly the operations of the route table, internal ones left out", () => {
    const internal = [
      "GET /api/bench/ceiling",
      "POST /api/auth/oidc/backchannel-logout",
      "GET /metrics",
      "PUT /api/v1/presence/{page}",
      "DELETE /api/v1/presence/{page}",
    ];
    const published = Object.keys(API_ROUTES).filter((key) => !internal.includes(key));
    expect(operations.map((o) => o.key).sort()).toEqual(published.sort());
    expect(JSON.stringify(document)).not.toContain("/api/bench");
  });

  it("names the server it is served from", () => {
    expect(document.servers).toEqual([{ url: "/", description: expect.any(String) }]);
  });

  it.each(Object.entries(ERROR_CODES))("has code %s with its exact title and status", (code, { title, status }) => {
    const schema = document.components.schemas[`Problem${code}`];
    expect(schema.properties.title).toEqual({ const: title });
    expect(schema.properties.code).toEqual({ const: Number(code) });
    const answered = operations.filter((o) => Object.hasOwn(o.op.responses, String(status)));
    expect(answered.length).toBeGreaterThan(0);
  });

  it.each(operations.map((o) => [o.key, o.op] as const))("%s states its roles and security", (key, op) => {
    const roles = API_ROUTES[key as keyof typeof API_ROUTES];
    expect(op["x-roles"]).toEqual(roles === "public" ? [] : roles);
    // The account routes are a person's own: their session only.
    const security = SESSION_ONLY.has(key as RouteKey) ? [{ cookie: [] }] : [{ bearer: [] }, { cookie: [] }];
    expect(op.security).toEqual(roles === "public" ? [] : security);
    expect(op["x-codeSamples"].map((s: { label: string }) => s.label)).toEqual(["curl", "TypeScript"]);
  });

  it("writes the limits into the schemas", () => {
    const { ProcessesUpdate, Process, TokenSummary } = document.components.schemas;
    const item = ProcessesUpdate.properties.processes;
    expect([item.minItems, item.maxItems]).toEqual([1, 10_000]);
    // The length is in the pattern (100 code points after trimming): maxLength would count the trimmed spaces.
    expect(item.items.properties.name).toMatchObject({ minLength: 1, pattern: expect.stringContaining("{0,98}") });
    expect(item.items.properties.name).not.toHaveProperty("maxLength");
    expect(item.items.properties.comment).toMatchObject({ maxLength: 1000 });
    expect(item.items.properties.id).toMatchObject({ minimum: 1, maximum: 2147483647 });
    expect(document.components.parameters.Id.schema).toMatchObject({ minimum: 1, maximum: 2147483647 });
    expect(Process.properties.version.readOnly).toBe(true);
    expect(TokenSummary.properties.createdAt.readOnly).toBe(true);
  });

  it("documents the rate-limit, retry, request-id and challenge headers", () => {
    const put = document.paths["/api/v1/processes"].put.responses;
    expect(Object.keys(put["200"].headers)).toEqual([
      "X-Request-Id",
      "RateLimit",
      "RateLimit-Policy",
      "X-Changed-Count",
    ]);
    expect(Object.keys(put["429"].headers)).toContain("Retry-After");
    expect(Object.keys(put["503"].headers)).toContain("Retry-After");
    expect(Object.keys(put["401"].headers)).toContain("WWW-Authenticate");
  });

  it("describes versions: 1007 with `current`, ETags, 304 on the list, history and the event stream", () => {
    const one = document.paths["/api/v1/processes/{id}"];
    const list = document.paths["/api/v1/processes"];
    expect(Object.keys(one.put.responses)).toEqual(expect.arrayContaining(["409", "412"]));
    expect(Object.keys(list.put.responses)).toContain("409");
    expect(Object.keys(list.put.responses)).not.toContain("412");
    const conflict = document.components.schemas.Problem1007;
    expect(conflict.properties.title).toEqual({ const: "Resource has been changed since it was read" });
    expect(conflict.properties.status).toEqual({ enum: [409, 412] });
    expect(conflict.required).toContain("current");
    expect(Object.keys(one.get.responses["200"].headers)).toContain("ETag");
    expect(list.get.responses["304"]).not.toHaveProperty("content");
    expect(list.get.parameters.map((p: { name: string }) => p.name)).toEqual(["include", "If-None-Match"]);
    expect(list.get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/ProcessListing",
    });
    const item = document.components.schemas.ProcessListing.properties.processes.items;
    expect(Object.keys(item.properties)).toContain("lastChange");
    expect(item.required).not.toContain("lastChange");
    const history = document.paths["/api/v1/processes/{id}/history"].get;
    expect(history.parameters.map((p: { name?: string; $ref?: string }) => p.name ?? p.$ref)).toEqual([
      "#/components/parameters/Id",
      "before",
      "limit",
    ]);
    expect(history.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/ProcessHistory",
    });
    const events = document.paths["/api/v1/processes/events"].get.responses["200"].content;
    expect(Object.keys(events)).toEqual(["text/event-stream"]);
    expect(Object.keys(events["text/event-stream"]["x-events"])).toEqual(["process", "reset"]);
    const body = document.components.schemas.ProcessUpdate.properties;
    expect(body.version).toMatchObject({ minimum: 1 });
    expect(body.updatedAt.readOnly).toBe(true);
  });

  // Every example the document shows is an answer its own schemas accept.
  const examples = operations.flatMap(({ key, op }) =>
    Object.entries(op.responses as Record<string, any>).flatMap(([status, response]) =>
      Object.entries((response.content ?? {}) as Record<string, any>).flatMap(([type, media]) =>
        [media.example, ...Object.values(media.examples ?? {}).map((e: any) => e.value)]
          .filter((v) => v !== undefined)
          .map((value) => [`${key} ${status}`, type, value, response.headers] as const),
      ),
    ),
  );
  it.each(examples)("the example of %s matches its schema", (label, type, value, headers) => {
    const [method, path] = label.split(" ") as [string, string];
    const headerValues = new Headers({ "Content-Type": type, "X-Request-Id": "example-1234" });
    if (headers.RateLimit) headerValues.set("RateLimit", '"api";r=599;t=60');
    if (headers["RateLimit-Policy"]) headerValues.set("RateLimit-Policy", '"api";q=600;w=60');
    if (headers["Retry-After"]) headerValues.set("Retry-After", "5");
    if (headers["WWW-Authenticate"]) headerValues.set("WWW-Authenticate", 'Bearer realm="api"');
    if (headers.ETag) headerValues.set("ETag", '"0123abcd"');
    if (headers["Cache-Control"]) headerValues.set("Cache-Control", "public, max-age=3600");
    const status = Number(label.split(" ").pop());
    const verdict = checker.check({ method, path, status, headers: headerValues, text: JSON.stringify(value) });
    expect(verdict.problems).toEqual([]);
  });

  it("refuses an answer that does not match (the check can fail)", () => {
    const headers = new Headers({ "Content-Type": "application/json", "X-Request-Id": "example-1234" });
    const verdict = checker.check({
      method: "GET",
      path: "/api/v1/errors",
      status: 200,
      headers,
      text: '{"errors":[{}]}',
    });
    expect(verdict.problems.length).toBeGreaterThan(0);
  });
});
