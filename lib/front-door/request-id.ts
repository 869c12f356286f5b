import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A caller's own X-Request-Id when it is a plain token (it reaches log lines); a fresh one otherwise. */
export function acceptRequestId(value: string | string[] | null | undefined): string {
  return typeof value === "string" && REQUEST_ID.test(value) ? value : randomUUID();
}
