import { createHash } from "node:crypto";

// Entity tags, made and compared in one place (RFC 9110 §8.8.3, §13.1.1-2). A process's tag is its version in
// quotes; anything served as text (lists, the document, the docs bundle) is tagged by a hash of that text, so
// equal text has an equal tag on every instance.

/** A parsed entity tag: `W/"x"` is { weak: true, opaque: "x" }. */
export type EntityTag = { weak: boolean; opaque: string };

// One list element: optional whitespace, an entity tag or nothing (empty elements are allowed, §5.6.1), then a
// comma or the end. etagc is %x21 / %x23-7E / obs-text: a comma may be inside a tag, so a list is not split on it.
const ELEMENT = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(,|$)/y;

/** The ETag of one process at a version. */
export const versionEtag = (version: number) => `"${version}"`;

/** The ETag of a text answer: a hash of the text (SHA-256, 162 bits in base64url). */
export const contentEtag = (text: string) => `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;

/** `*`, a non-empty list of entity tags, or null when the value is not one of these. */
export function parseEntityTags(value: string): "*" | EntityTag[] | null {
  if (/^[ \t]*\*[ \t]*$/.test(value)) return "*";
  const tags: EntityTag[] = [];
  let position = 0;
  for (;;) {
    ELEMENT.lastIndex = position;
    const match = ELEMENT.exec(value);
    if (!match) return null;
    if (match[2] !== undefined) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
    if (match[3] === "") break;
    position = ELEMENT.lastIndex;
  }
  return tags.length > 0 ? tags : null;
}

/**
 * Whether If-None-Match names this entity tag (weak comparison, §13.1.2) or is `*`. A malformed header is
 * ignored, as if absent (the answer is then the full one, never a wrong 304).
 */
export function ifNoneMatchHits(headers: Headers, etag: string): boolean {
  const value = headers.get("if-none-match");
  if (value === null) return false;
  const tags = parseEntityTags(value);
  if (tags === null) return false;
  return tags === "*" || tags.some((tag) => `"${tag.opaque}"` === etag.replace(/^W\//, ""));
}

/** The 304 answer to a conditional GET whose If-None-Match matched. */
export const notModified = (etag: string, headers: Record<string, string> = {}) =>
  new Response(null, { status: 304, headers: { ...headers, ETag: etag } });
