import "server-only";
import type { z } from "zod";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "@/lib/api/json-depth";
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

/** Reads at most `limit` bytes; a larger body is refused as soon as it is known, never buffered whole. */
async function readLimitedText(request: Request, limit: number): Promise<string> {
  const tooLarge = () => incorrect(`Request body exceeds the limit of ${limit} bytes`, 413);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge();
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    noteBodyBytes(request, size);
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
}

function parseJson(text: string): unknown {
  // Deep nesting costs the parser (and the reviver) far more than its size suggests.
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw incorrect(`JSON nesting deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text, (key, value: unknown) => {
      // Prototype-pollution keys are refused outright rather than silently dropped.
      if (FORBIDDEN_KEYS.has(key)) throw incorrect(`Member "${key}" is not allowed`);
      return value;
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw incorrect(`Request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads, size-limits, parses and validates a JSON request body; every failure is 1001. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  assertJsonContentType(request);
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
