import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { addressRefusal } from "@/lib/net/target-allow";

// A webhook target is checked against WEBHOOK_ALLOW when it is made and again before every attempt, after
// DNS resolution; the attempt then connects to the very address that was checked (no second lookup that a
// rebinding DNS server could answer differently), and redirects are never followed.

export type ResolvedTarget = { url: URL; host: string; address: string; family: 4 | 6 };

export class TargetRefused extends Error {}

/** The address to connect to; throws TargetRefused with the reason when the target is not allowed. */
export async function resolveTarget(text: string): Promise<ResolvedTarget> {
  const url = new URL(text);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (env.WEBHOOK_ALLOW.entries.length === 0)
    throw new TargetRefused("no webhook target is allowed: WEBHOOK_ALLOW is empty");
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new TargetRefused(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  // Every address must pass: the system resolver could pick any of them.
  for (const { address } of addresses) {
    const refusal = addressRefusal(env.WEBHOOK_ALLOW, url.hostname, address);
    if (refusal) throw new TargetRefused(refusal);
  }
  const first = addresses[0];
  if (!first) throw new TargetRefused(`${host} does not resolve`);
  return { url, host, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** resolveTarget for a request body: a refusal is 1001 at /url. */
export async function checkTargetForCreate(url: string): Promise<void> {
  try {
    await resolveTarget(url);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    throw new AppError(1001, `The target is refused: ${error.message}`, {
      errors: [{ pointer: "/url", detail: `is refused: ${error.message}` }],
    });
  }
}
