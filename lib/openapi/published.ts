import "server-only";
import { contentEtag } from "@/lib/api/etag";
import { buildOpenApiDocument } from "@/lib/openapi/document";

let published: { text: string; etag: string } | undefined;

/** The document as served: built once per process (it depends only on code and settings read at start). */
export function publishedDocument(): { text: string; etag: string } {
  if (!published) {
    const text = JSON.stringify(buildOpenApiDocument());
    published = { text, etag: contentEtag(text) };
  }
  return published;
}
