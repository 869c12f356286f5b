import { httpProblem } from "@/lib/api/problem";
import { acceptRequestId } from "@/lib/front-door/request-id";

const STATUS_TEXT = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" } as const;

/**
 * The raw answer to a request Node's HTTP parser refused before any handler ran (a method it does not
 * know, such as TRACK; a malformed line; headers too large; too slow): the problem envelope with an
 * X-Request-Id like every other answer, and the connection closed.
 */
export function clientErrorResponse(error: { code?: string }): string {
  const status =
    error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : (400 as const);
  const requestId = acceptRequestId(undefined);
  const body = JSON.stringify(
    httpProblem(status, `The request could not be read (${error.code ?? "malformed"})`, requestId),
  );
  return [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}`,
    "Content-Type: application/problem+json; charset=UTF-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    "X-Content-Type-Options: nosniff",
    "Cache-Control: no-store",
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}
