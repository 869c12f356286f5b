import "server-only";
import { AppError } from "@/lib/errors";

// Entity tags of processes are their version in quotes: `"7"`. Only strong comparison applies to If-Match
// (RFC 9110 §13.1.1), so a weak tag never matches: it is kept as version 0, which no process has.

const TAG = /^(W\/)?"(\d{1,10})"$/;

/** The ETag of one process at a version. */
export const versionEtag = (version: number) => `"${version}"`;

function malformed(header: string, value: string): AppError {
  return new AppError(
    1001,
    `${header} must be "*" or a list of entity tags such as "3", not ${JSON.stringify(value)}`,
    {
      errors: [{ pointer: "", detail: `header ${header} is malformed` }],
    },
  );
}

/** If-Match as versions, `"*"` (any current version), or null when absent; 1001 when malformed. */
export function parseIfMatch(request: Request): number[] | "*" | null {
  const value = request.headers.get("if-match");
  if (value === null) return null;
  if (value.trim() === "*") return "*";
  return value.split(",").map((part) => {
    const match = TAG.exec(part.trim());
    const version = match ? Number(match[2]) : NaN;
    if (!match || version > 2_147_483_647) throw malformed("If-Match", value);
    return match[1] ? 0 : version;
  });
}

/** Whether If-None-Match names this entity tag (weak comparison, as RFC 9110 §13.1.2 asks) or is `*`. */
export function ifNoneMatchHits(request: Request, etag: string): boolean {
  const value = request.headers.get("if-none-match");
  if (value === null) return false;
  if (value.trim() === "*") return true;
  return value.split(",").some((part) => part.trim().replace(/^W\//, "") === etag);
}
