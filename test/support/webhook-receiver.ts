import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A webhook target for the tests: a real HTTP server that is down (500), hangs (no answer: the sender's
// timeout) or up (204), and keeps every request it got, whether it answered it or not.

export type ReceiverMode = "500" | "hang" | "up";
export type Received = {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  answered: boolean;
};

export type WebhookReceiver = {
  url: (path: string) => string;
  mode: ReceiverMode;
  received: Received[];
  /** Requests answered 2xx, first of each webhook-id only (what a receiver deduplicating by id keeps). */
  accepted: (path: string) => Received[];
  /** Checks each accepted request's signature with the Standard Webhooks library; throws on the first bad one. */
  verify: (path: string, secret: string) => void;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(host = "127.0.0.2"): Promise<WebhookReceiver> {
  const hanging = new Set<http.ServerResponse>();
  const receiver: WebhookReceiver = {
    url: () => "",
    mode: "up",
    received: [],
    accepted: (path) => {
      const seen = new Set<string>();
      return receiver.received.filter((r) => r.path === path && r.answered && !seen.has(r.id) && seen.add(r.id));
    },
    verify: (path, secret) => {
      const webhook = new Webhook(secret);
      for (const r of receiver.accepted(path))
        webhook.verify(r.body, {
          "webhook-id": r.id,
          "webhook-timestamp": r.timestamp,
          "webhook-signature": r.signature,
        });
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise((r) => server.close(r));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: Received = {
        path: req.url ?? "",
        id: String(req.headers["webhook-id"]),
        timestamp: String(req.headers["webhook-timestamp"]),
        signature: String(req.headers["webhook-signature"]),
        body: Buffer.concat(chunks).toString("utf8"),
        answered: false,
      };
      receiver.received.push(entry);
      if (receiver.mode === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      if (receiver.mode === "500") return void res.writeHead(500).end("down for maintenance");
      entry.answered = true;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.address() as AddressInfo;
  receiver.url = (path) => `http://${host}:${port}${path}`;
  return receiver;
}
