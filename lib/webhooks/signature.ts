import { createHmac } from "node:crypto";

// Standard Webhooks (standardwebhooks.com): HMAC-SHA256 with the secret's bytes (the base64 after `whsec_`)
// over `id.timestamp.body`, sent as `v1,<base64>` in `webhook-signature`.

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

export function signWebhook(options: { secret: string; id: string; timestamp: number; body: string }): SignedHeaders {
  const key = Buffer.from(options.secret.replace(/^whsec_/, ""), "base64");
  const signed = `${options.id}.${options.timestamp}.${options.body}`;
  const signature = createHmac("sha256", key).update(signed).digest("base64");
  return {
    "webhook-id": options.id,
    "webhook-timestamp": String(options.timestamp),
    "webhook-signature": `v1,${signature}`,
  };
}
