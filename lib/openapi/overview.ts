import { env } from "@/lib/env";
import { MAX_ID } from "@/lib/validations/id";
import { MAX_BULK_ITEMS, MAX_COMMENT_LENGTH, MAX_NAME_LENGTH } from "@/lib/validations/process";

/** The document's introduction: what its schemas cannot say. */
export function overview(): string {
  const bytes = env.MAX_BODY_BYTES.toLocaleString("en-US");
  return `The REST API of the plant's production processes, for MES and SCADA systems. Types for TypeScript:
\`npx -p openapi-typescript@7.13.0 -p typescript@5.9.3 openapi-typescript <origin>/api/v1/openapi.json -o plant-api.d.ts\`; a guide with curl, Python and TypeScript
examples is in the project's README ("Integration guide").

**Credentials.** Send an API token as \`Authorization: Bearer ppt_…\` (a Super user creates them in the settings,
page "API tokens", or with \`npm run cli -- tokens:create\`). The settings page itself uses its session cookie;
a write made with the cookie must also come from the application's own origin (\`Origin\`, else \`Referer\`),
or it is 3001. Each operation names the roles it needs (\`x-roles\`): User reads, Advanced user also changes
processes, Super user also manages tokens.

**Bodies.** JSON with \`Content-Type: application/json\` (anything else, or none: 1001 with HTTP 415), UTF-8,
uncompressed (a \`Content-Encoding\` other than \`identity\`: 1001 with HTTP 415), at most ${bytes} bytes (1001 with HTTP 413, refused as soon as it is known), nested at most 32 levels and at most
100,000 values. Unknown members, numbers sent as strings and the members \`__proto__\`, \`constructor\` and
\`prototype\` are refused, and so is a member given twice in one object (the pointer names it). Every refusal is 1001 listing each invalid field as a JSON Pointer; nothing is written.

**Characters.** Lengths count Unicode code points, as a person counts characters (an emoji is one). A process
\`name\` is trimmed of leading and trailing white space, then must hold 1 to ${MAX_NAME_LENGTH} characters and no
control character (U+0000–U+001F, U+007F–U+009F). A \`comment\` is kept as sent, 0 to ${MAX_COMMENT_LENGTH}
characters, and may hold newline and tab but no other control character.

**Ids.** Integers from 1 to ${MAX_ID}. In a path, an id is written in digits without sign or leading zero;
anything else is 1001 with the pointer \`/path/id\` and always the same message.

**Bulk changes.** \`PUT /api/v1/processes\` takes 1 to ${MAX_BULK_ITEMS} processes and is all or nothing.

**Re-syncing is free.** A write whose \`name\` and \`comment\` equal the stored ones writes nothing: same version
and \`ETag\`, no history row, no event (its precondition must still match). A bulk PUT writes only the items that
differ and says how many in \`X-Changed-Count\`.

**Errors.** Every error is RFC 9457 problem details (\`application/problem+json\`) with a fixed \`title\` per
\`code\`; the table is \`GET /api/v1/errors\`. Unknown paths (404; a trailing slash is an unknown path) and methods a path does not serve (405, with
\`Allow\`) answer in the same shape without \`code\`, and so do, on any path, a request the server cannot parse
(400), headers too large (431) and a request too slow to arrive (408).

**Retrying.** 429 (6001) and 503 (1006) carry \`Retry-After\` in seconds: wait that long, then retry; on 503
without one, back off exponentially. 6001 has three causes, told apart by its \`detail\`: the request rate, the
write budget (what a caller's writes may store per hour, history included; a refused write stores nothing, and
a write of unchanged values is not charged), and the caps on open event streams. Every answer carries \`X-Request-Id\`; quote it when reporting a problem.`;
}
