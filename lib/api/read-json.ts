import "server-only";
import type { z } from "zod";
import { duplicateMemberPointer, JsonShapeCheck } from "@/lib/api/json-shape";
import { parseWith } from "@/lib/api/parse-with";
import { AppError, type FieldError } from "@/lib/errors";
import { env } from "@/lib/env";
import { noteBodyBytes } from "@/lib/rate-limit/meter";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function incorrect(detail: string, status?: number, errors?: FieldError[]): AppError {
  return new AppError(1001, detail, { status, errors: errors ?? [{ pointer: "", detail }] });
}

function assertJsonContentType(request: Request): void {
  const type = request.headers.get("content-type");
  const mediaType = type?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw incorrect(
      type ? `Content-Type must be application/json, not ${mediaType}` : "Content-Type application/json is required",
      415,
    );
  }
}

/**
 * Reads and drops what is left of a refused body before the refusal is sent, so that the client reads it
 * rather than a reset connection (a socket closed with unread data is reset, and the reset discards an
 * answer the client has not read yet). Nothing is kept; a body that goes on past another `limit` bytes is
 * cut off.
 */
async function discardRest(
  request: Request,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  size: number,
  limit: number,
): Promise<void> {
  try {
    for (let more = 0; more <= limit;) {
      const { done, value } = await reader.read();
      if (done) return;
      more += value.byteLength;
      noteBodyBytes(request, size + more);
    }
    await reader.cancel();
  } catch {
    // the client went away
  }
}

/**
 * Reads at most `limit` bytes; a larger body is refused as soon as it is known, never buffered whole, and
 * so is JSON too deep or with too many values (lib/api/json-shape.ts), checked chunk by chunk as it arrives.
 */
async function readLimitedText(request: Request, limit: number): Promise<string> {
  const tooLarge = () => incorrect(`Request body exceeds the limit of ${limit} bytes`, 413);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge();
  if (!request.body) return "";

  const reader = request.body.getReader();
  const shape = new JsonShapeCheck();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    noteBodyBytes(request, size);
    const problem = size > limit ? tooLarge() : shape.feed(value);
    if (problem) {
      await discardRest(request, reader, size, limit);
      throw typeof problem === "string" ? incorrect(problem) : problem;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
}

/**
 * Prototype-pollution keys are refused outright rather than silently dropped. JSON.parse makes them plain
 * own members (it never sets a prototype), so one walk afterwards finds them; a reviver would cost a call
 * per value.
 */
function assertNoForbiddenKeys(root: unknown): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw incorrect(`Member "${key}" is not allowed`);
      pending.push((value as Record<string, unknown>)[key]);
    }
  }
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw incorrect(`Request body is not valid JSON: ${(error as Error).message}`);
  }
  assertNoForbiddenKeys(value);
  const duplicate = duplicateMemberPointer(text);
  if (duplicate !== null) {
    throw incorrect(`Member ${duplicate} appears more than once`, undefined, [
      { pointer: duplicate, detail: "appears more than once in its object" },
    ]);
  }
  return value;
}

/**
 * A compressed body is refused rather than read as text: the server accepts none (no Content-Encoding, or
 * `identity`). 1001 at 415, as a wrong Content-Type is; the answer names what was sent.
 */
function assertNoContentEncoding(request: Request): void {
  const encoding = request.headers.get("content-encoding");
  if (encoding === null) return;
  const codings = encoding
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  if (codings.length > 0) {
    throw incorrect(`Content-Encoding ${codings.join(", ")} is not accepted; send the body uncompressed`, 415);
  }
}

/** Reads, size-limits, parses and validates a JSON request body; every failure is 1001. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  assertJsonContentType(request);
  assertNoContentEncoding(request);
  let text: string;
  try {
    text = await readLimitedText(request, env.MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw incorrect("Request body is not valid UTF-8");
  }
  const value = parseJson(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw incorrect("Request body must be a JSON object");
  }
  return parseWith(schema, value);
}
