import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/errors";
import { ID_PARAM_MESSAGE } from "@/lib/validations/id";
import { createTestToken } from "@/test/support/fixture-data";
import { http } from "@/test/support/http";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// The published document and the service routes beside it. The document does not depend on the database
// provider, so SQLite alone serves here.
describe("sqlite: the published OpenAPI document", () => {
  let database: TestDatabase;
  let server: TestServer;
  let writer: string;
  let admin: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    writer = await createTestToken(database.url, "Advanced user");
    admin = await createTestToken(database.url, "Super user");
    server = await startServer({ env: { DATABASE_URL: database.url } });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("is public, cacheable, and a valid OpenAPI 3.1 document", async () => {
    const res = await http(server.baseUrl, "GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600, must-revalidate");
    expect(res.body.openapi).toBe("3.1.1");
    await expect(SwaggerParser.validate(res.body)).resolves.toBeTruthy();
    const etag = res.headers.get("etag")!;
    const again = await http(server.baseUrl, "GET", "/api/v1/openapi.json", { headers: { "If-None-Match": etag } });
    expect([again.status, again.text, again.headers.get("etag")]).toEqual([304, "", etag]);
  });

  it("names the session cookie the server sets", async () => {
    const { body } = await http(server.baseUrl, "GET", "/api/v1/openapi.json");
    expect(body.components.securitySchemes.cookie).toMatchObject({ in: "cookie", name: "next-auth.session-token" });
  });

  it("GET /api/v1/errors lists the code table the document's problems are made from", async () => {
    const res = await http(server.baseUrl, "GET", "/api/v1/errors");
    expect(res.body.errors).toEqual(Object.entries(ERROR_CODES).map(([code, e]) => ({ code: Number(code), ...e })));
  });

  it("GET /api/bench/ceiling is 404 while the benchmark route is off", async () => {
    const res = await http(server.baseUrl, "GET", "/api/bench/ceiling");
    expect(res.status).toBe(404);
    expect(res.body).not.toHaveProperty("code");
  });

  const badIds = ["abc", "0", "-5", "1.5", "01", "+1", "1e3", "2147483648", "99999999999", "%20"];
  it.each([
    ["PUT", "/api/v1/processes/", () => writer, { name: "a", comment: "" }],
    ["DELETE", "/api/v1/tokens/", () => admin, undefined],
  ])(
    "%s %s{id}: a bad id is 1001 at /path/id with one message whatever was sent",
    async (method, prefix, token, json) => {
      for (const id of badIds) {
        const res = await http(server.baseUrl, method, prefix + id, {
          json,
          headers: { Authorization: `Bearer ${token()}` },
        });
        expect([id, res.status, res.body.code]).toEqual([id, 400, 1001]);
        expect(res.body.detail).toBe(`The id in the path ${ID_PARAM_MESSAGE}`);
        expect(res.body.errors).toEqual([{ pointer: "/path/id", detail: ID_PARAM_MESSAGE }]);
      }
    },
  );
});
