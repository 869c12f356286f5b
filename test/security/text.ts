import { expect, it } from "vitest";
import { rawHttp } from "@/test/support/raw-http";
import { signInFrom } from "@/test/support/session";
import type { SecurityApp } from "@/test/security/security-app";

// Issue 8, item 5: every text field takes only well-formed Unicode (a lone surrogate is 1001 with its
// pointer, on SQLite and PostgreSQL alike, never 500), and token names follow the process-name rules.
// The bodies are written as the probe sent them: JSON text with the escapes, byte for byte.

const NOT_WELL_FORMED = "must be well-formed Unicode (no lone surrogate halves)";
const CONTROL = "must not contain control characters";

export function textCases(app: SecurityApp): void {
  const send = (method: string, target: string, credential: string, body: string) =>
    rawHttp(app.main.port, {
      method,
      target,
      headers: { Authorization: `Bearer ${credential}`, "Content-Type": "application/json" },
      body,
    });
  const tokenNames = async () => {
    const res = await send("GET", "/api/v1/tokens", app.observer, "");
    return (res.json.tokens as { name: string }[]).map((t) => t.name);
  };

  const loneSurrogates: [string, string, string, string][] = [
    ["PUT /api/v1/processes/1", "/api/v1/processes/1", String.raw`{"name":"lone \ud83c","comment":""}`, "/name"],
    ["PUT /api/v1/processes/1", "/api/v1/processes/1", String.raw`{"name":"\udc00","comment":""}`, "/name"],
    ["PUT /api/v1/processes/1", "/api/v1/processes/1", String.raw`{"name":"ok","comment":"a \ud800 b"}`, "/comment"],
    [
      "PUT /api/v1/processes (bulk)",
      "/api/v1/processes",
      String.raw`{"processes":[{"id":1,"name":"ok","comment":""},{"id":2,"name":"ok","comment":"lone \ud83c"}]}`,
      "/processes/1/comment",
    ],
    [
      "PUT /api/v1/processes (bulk)",
      "/api/v1/processes",
      String.raw`{"processes":[{"id":1,"name":"\udf6d\ud83c","comment":""}]}`,
      "/processes/0/name",
    ],
  ];
  it.each(loneSurrogates.map(([label, target, body, pointer]) => [label, body, pointer, target]))(
    "%s with %s is 1001 at %s, and changes nothing",
    async (_, body, pointer, target) => {
      const advanced = await app.token("Advanced user");
      const before = await app.list();
      const res = await send("PUT", target, advanced, body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        code: 1001,
        title: "Incorrect data",
        errors: [{ pointer, detail: NOT_WELL_FORMED }],
      });
      expect(await app.list()).toEqual(before);
    },
  );

  it.each([
    [String.raw`{"name":"token \ud83c","role":"User"}`, NOT_WELL_FORMED],
    [String.raw`{"name":"tok\u0000en","role":"User"}`, CONTROL],
    [String.raw`{"name":"\u001b[31mred","role":"User"}`, CONTROL],
    [String.raw`{"name":"line\nbreak","role":"User"}`, CONTROL],
    [String.raw`{"name":"   ","role":"User"}`, "must not be empty"],
  ])("POST /api/v1/tokens with %s is 1001 at /name (%s), and creates nothing", async (body, detail) => {
    const before = await tokenNames();
    const res = await send("POST", "/api/v1/tokens", app.observer, body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 1001, errors: [{ pointer: "/name", detail }] });
    expect(await tokenNames()).toEqual(before);
  });

  it("a surrogate pair (an emoji) is stored and sent back exactly as written", async () => {
    const advanced = await app.token("Advanced user");
    const before = await app.list();
    const res = await send(
      "PUT",
      "/api/v1/processes/8",
      advanced,
      String.raw`{"name":"Candy \ud83c\udf6d","comment":"🏭"}`,
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "Candy 🍭", comment: "🏭" });
    const after = (await app.list()) as { id: number; name: string }[];
    expect(after.find((p) => p.id === 8)?.name).toBe("Candy 🍭");
    expect(after.filter((p) => p.id !== 8)).toEqual((before as { id: number }[]).filter((p) => p.id !== 8));
  });

  // A form cannot carry a lone surrogate (UTF-8 has no encoding for one: the browser sends U+FFFD); the
  // sign-in schema refuses one all the same, should it arrive another way (lib/validations/text.test.ts).
  it("signing in with a lone surrogate in the email or password is refused like any wrong password, never 500", async () => {
    for (const [email, password] of [
      ["admin\ud83c@example.com", "whatever-password"],
      ["admin@example.com", "wrong \udc00 password"],
    ]) {
      const result = await signInFrom(app.main.port, { localAddress: "127.0.0.9", email: email!, password: password! });
      expect(result).toMatchObject({ error: "CredentialsSignin", cookie: null, device: null, deviceAttributes: null });
    }
  });
}
