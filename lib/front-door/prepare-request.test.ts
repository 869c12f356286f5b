import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { decodeFrontDoorAnswer } from "@/lib/front-door/front-door-answer";
import { prepareRequest } from "@/lib/front-door/prepare-request";
import { parseIpRanges, type IpRanges } from "@/lib/net/ip";

const trusted = (list: string): IpRanges => {
  const parsed = parseIpRanges(list);
  if (!("ranges" in parsed)) throw new Error("bad list");
  return parsed.ranges;
};

/** A request as Node hands it over (only what prepareRequest reads), and the headers set on its answer. */
function run(options: {
  peer: string;
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  proxies?: string;
  hsts?: boolean;
}) {
  const req = {
    method: options.method ?? "GET",
    url: options.url ?? "/api/v1/processes",
    headers: { ...options.headers },
    socket: { remoteAddress: options.peer },
  } as unknown as IncomingMessage;
  const answer: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (answer[name.toLowerCase()] = value) };
  prepareRequest(req, res as unknown as ServerResponse, {
    trustedProxies: trusted(options.proxies ?? ""),
    hsts: options.hsts ?? false,
  });
  return { req, answer };
}

const FORWARDING = {
  "x-forwarded-for": "6.6.6.6",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  forwarded: "for=6.6.6.6;host=evil.example",
};

describe("prepareRequest", () => {
  it("from a peer that is not a listed proxy: forwarding and private headers are removed, the peer is the client", () => {
    const { req } = run({
      peer: "::ffff:203.0.113.9",
      headers: { ...FORWARDING, "x-client-address": "1.1.1.1", "x-front-door-answer": "forged" },
    });
    expect(req.headers).toEqual({ "x-client-address": "203.0.113.9", "x-request-id": expect.any(String) });
  });

  it("from a listed proxy: forwarding headers stay, and the client is read from them", () => {
    const { req } = run({
      peer: "10.0.0.1",
      proxies: "10.0.0.0/8",
      headers: { ...FORWARDING, "x-forwarded-for": "6.6.6.6, 198.51.100.7" },
    });
    expect(req.headers).toMatchObject({ "x-forwarded-host": "evil.example", "x-client-address": "198.51.100.7" });
  });

  it("every answer gets the request id, nosniff, and HSTS only when asked", () => {
    const plain = run({ peer: "127.0.0.1", headers: { "x-request-id": "mes-12345678" } });
    expect(plain.answer).toEqual({ "x-request-id": "mes-12345678", "x-content-type-options": "nosniff" });
    expect(plain.req.headers["x-request-id"]).toBe("mes-12345678");
    const secure = run({ peer: "127.0.0.1", headers: { "x-request-id": "bad id" }, hsts: true });
    expect(secure.answer["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(secure.answer["strict-transport-security"]).toBe("max-age=31536000");
  });

  it("a front-door answer rewrites the request to the front-door route, keeping HEAD", () => {
    const trace = run({ peer: "127.0.0.1", method: "TRACE", url: "http://evil.example/api/v1/processes?x=1" });
    expect(trace.req.url).toBe("/api/front-door");
    expect(trace.req.method).toBe("GET");
    expect(decodeFrontDoorAnswer(trace.req.headers["x-front-door-answer"] as string)).toEqual({
      status: 405,
      method: "TRACE",
      path: "/api/v1/processes",
      allow: "GET, PUT, HEAD, OPTIONS",
    });
    const head = run({ peer: "127.0.0.1", method: "HEAD", url: "/api/v1/nothing" });
    expect(head.req.method).toBe("HEAD");
    expect(decodeFrontDoorAnswer(head.req.headers["x-front-door-answer"] as string)?.status).toBe(404);
  });

  it("a request Next serves goes on in origin form, without a front-door answer", () => {
    const { req } = run({ peer: "127.0.0.1", url: "http://evil.example/api/v1/processes?x=1" });
    expect(req.url).toBe("/api/v1/processes?x=1");
    expect(req.method).toBe("GET");
    expect(req.headers["x-front-door-answer"]).toBeUndefined();
  });
});
