import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX = "ppt_";
const FORMAT = /^ppt_[A-Za-z0-9_-]{43}$/;

/** A new secret: 256 random bits, prefixed so that secret scanners and people recognise it. */
export function generateTokenSecret(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

export function isWellFormedToken(secret: string): boolean {
  return FORMAT.test(secret);
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
