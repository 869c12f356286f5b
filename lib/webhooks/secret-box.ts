import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

// A webhook's signing secret must be readable to sign with, so it is kept encrypted (AES-256-GCM) with a key
// derived from AUTH_SECRET (HKDF, its own label): a copy of the database alone does not reveal it.
// Changing AUTH_SECRET makes stored secrets unreadable: their deliveries fail until the webhook is made anew.

const KEY = Buffer.from(hkdfSync("sha256", authSecret, "", "webhook-secrets v1", 32));
const PREFIX = "v1.";

/** `whsec_` and 24 random bytes in base64, the Standard Webhooks form. */
export const generateWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", KEY, iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64");
}

/** The secret, or null when it was sealed under another AUTH_SECRET (or altered). */
export function openSecret(stored: string): string | null {
  if (!stored.startsWith(PREFIX)) return null;
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", KEY, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
