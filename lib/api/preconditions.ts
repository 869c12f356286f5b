import "server-only";
import { parseEntityTags } from "@/lib/api/etag";
import { AppError } from "@/lib/errors";

// If-Match on a process. Its entity tags are its version in quotes: `"7"`. Any well-formed list is accepted
// (RFC 9110 §13.1.1): a tag that is no version of ours (`"abc"`, `"007"`), or a weak one (only strong
// comparison applies to If-Match), simply never matches and is kept as version 0, which no process has;
// the write then answers 412 1007. Only a header that is no entity-tag list at all is 1001.

const VERSION = /^[1-9][0-9]{0,9}$/;

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
  const tags = parseEntityTags(value);
  if (tags === null) throw malformed("If-Match", value);
  if (tags === "*") return "*";
  return tags.map(({ weak, opaque }) => {
    const version = !weak && VERSION.test(opaque) ? Number(opaque) : 0;
    return version <= 2_147_483_647 ? version : 0;
  });
}
