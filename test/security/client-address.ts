import { expect, it } from "vitest";
import { rawHttp, type RawRequest } from "@/test/support/raw-http";
import { logLineOf } from "@/test/support/server-log";
import type { TestServer } from "@/test/support/test-server";
import { SMALL_LIMIT, type SecurityApp } from "@/test/security/security-app";

// Issue 8, item 1: the address for limits and logs is the TCP peer's; X-Forwarded-For counts only from a
// listed proxy. Each case speaks from its own loopback address (127.0.0.x): its own TCP peer.

/** Sends `count` requests; returns their codes (2004, 6001, …) and the addresses the server logged for them. */
async function send(server: TestServer, count: number, request: (i: number) => RawRequest) {
  const codes: number[] = [];
  const logged: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const res = await rawHttp(server.port, request(i));
    codes.push(res.json.code);
    logged.push(logLineOf(server, res.headers.get("x-request-id")).ip);
  }
  return { codes, logged };
}

const refusedThenLimited = (limit: number, extra: number) => [
  ...Array<number>(limit).fill(2004),
  ...Array<number>(extra).fill(6001),
];

export function clientAddressCases(app: SecurityApp): void {
  it("without a trusted proxy, rotating X-Forwarded-For (and X-Client-Address) changes nothing: the peer is counted and logged", async () => {
    const before = await app.list();
    const { codes, logged } = await send(app.limited, SMALL_LIMIT + 2, (i) => ({
      method: "PUT",
      target: "/api/v1/processes/1",
      localAddress: "127.0.0.2",
      headers: {
        Authorization: `Bearer ppt_${String(i).padStart(43, "A")}`,
        "X-Forwarded-For": `203.0.113.${i}`,
        "X-Client-Address": `198.51.100.${i}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ name: "guessed", comment: "" }),
    }));
    expect(codes).toEqual(refusedThenLimited(SMALL_LIMIT, 2));
    expect(new Set(logged)).toEqual(new Set(["127.0.0.2"]));
    expect(await app.list()).toEqual(before);
  });

  it("from a listed proxy, the last hop not in the list is the client; hops the client wrote to its left never count", async () => {
    const viaProxy = (forwardedFor: string): RawRequest => ({
      method: "GET",
      target: "/api/v1/processes",
      localAddress: "127.0.0.3",
      headers: { "X-Forwarded-For": forwardedFor },
    });
    // One client behind the proxy, rotating what it writes in front of its own address.
    const rotating = await send(app.proxied, SMALL_LIMIT + 1, (i) => viaProxy(`203.0.113.${i}, 198.51.100.1`));
    expect(rotating.codes).toEqual(refusedThenLimited(SMALL_LIMIT, 1));
    expect(new Set(rotating.logged)).toEqual(new Set(["198.51.100.1"]));
    // Another client of the same proxy has its own count; listed hops (10.x) between are skipped.
    expect(await send(app.proxied, 1, () => viaProxy("198.51.100.2, 10.1.2.3"))).toEqual({
      codes: [2004],
      logged: ["198.51.100.2"],
    });
    // A hop that is not an address: the proxy itself stands for the client.
    expect((await send(app.proxied, 1, () => viaProxy("not-an-address"))).logged).toEqual(["127.0.0.3"]);
  });

  it("a peer that is not listed cannot forward, even to a server that trusts a proxy", async () => {
    const { codes, logged } = await send(app.proxied, SMALL_LIMIT + 1, (i) => ({
      method: "GET",
      target: "/api/v1/processes",
      localAddress: "127.0.0.4",
      headers: { "X-Forwarded-For": `198.51.100.${50 + i}` },
    }));
    expect(codes).toEqual(refusedThenLimited(SMALL_LIMIT, 1));
    expect(new Set(logged)).toEqual(new Set(["127.0.0.4"]));
  });
}
