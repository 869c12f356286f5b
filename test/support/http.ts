import { checkAnswer } from "@/test/support/answers";

/** Small helpers for contract tests: real HTTP, JSON in, parsed body out; every answer checked against the API's OpenAPI document. */
export type HttpResult = { status: number; headers: Headers; body: any; text: string };

export async function http(
  baseUrl: string,
  method: string,
  path: string,
  options: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await fetch(baseUrl + path, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  await checkAnswer(baseUrl, { method, path, status: res.status, headers: res.headers, text });
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export type ApiClient = (
  method: string,
  path: string,
  options?: { json?: unknown; body?: BodyInit; headers?: Record<string, string> },
) => Promise<HttpResult>;

/** A client bound to a server and default headers (the credentials a test runs with). */
export function apiClient(baseUrl: string, defaults: Record<string, string> = {}): ApiClient {
  return (method, path, options = {}) =>
    http(baseUrl, method, path, { ...options, headers: { ...defaults, ...options.headers } });
}
