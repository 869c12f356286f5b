import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { resolveTarget, TargetRefused } from "@/lib/webhooks/target-check";
import { signWebhook } from "@/lib/webhooks/signature";

// One attempt: check the target (allow-list after DNS), connect to the checked address only, POST the signed
// body, wait at most `timeoutMs` for the whole answer. 2xx is delivered; anything else (a redirect too: never
// followed) is a failed attempt. What is kept of it: the status, a short reason, the time. Never the secret.

export type AttemptResult = { ok: boolean; status: number | null; error: string | null; durationMs: number };

const ANSWER_SNIPPET = 200;

export async function sendDelivery(options: {
  url: string;
  secret: string;
  messageId: string;
  body: string;
  timeoutMs: number;
}): Promise<AttemptResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): AttemptResult => ({
    ok: status !== null && status >= 200 && status < 300,
    status,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let target;
  try {
    target = await resolveTarget(options.url);
  } catch (error) {
    if (error instanceof TargetRefused) return done(null, `refused: ${error.message}`);
    throw error;
  }
  const headers = {
    "content-type": "application/json",
    "user-agent": "plant-processes-webhooks/1",
    ...signWebhook({
      secret: options.secret,
      id: options.messageId,
      timestamp: Math.floor(Date.now() / 1000),
      body: options.body,
    }),
  };
  // The checked address, whatever the resolver would answer now; TLS still checks the certificate's name.
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    const request = client.request(
      target.url,
      { method: "POST", headers, lookup: pinned, agent: false },
      (response) => {
        let answer = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (answer.length < ANSWER_SNIPPET) answer += chunk;
        });
        response.on("end", () => {
          const status = response.statusCode ?? null;
          const ok = status !== null && status >= 200 && status < 300;
          const redirect = status !== null && status >= 300 && status < 400;
          const why = redirect ? "redirects are not followed" : answer.slice(0, ANSWER_SNIPPET).trim() || null;
          resolve(done(status, ok ? null : why));
        });
        response.on("error", (error) => resolve(done(null, error.message)));
      },
    );
    const deadline = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on("error", (error) => resolve(done(null, error.message)));
    request.on("close", () => clearTimeout(deadline));
    request.end(options.body);
  });
}
