import "server-only";
import { createHash } from "node:crypto";
import { buildOpenApiDocument } from "@/lib/openapi/document";

let published: { text: string; etag: string } | undefined;

/** The document as served: built once per process (it depends only on code and settings read at start). */
export function publishedDocument(): { text: string; etag: string } {
  if (!published) {
    const text = JSON.stringify(buildOpenApiDocument());
    published = { text, etag: `"${createHash("sha256").update(text).digest("hex").slice(0, 32)}"` };
  }
  return published;
}
