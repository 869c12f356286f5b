// GET /api/v1/openapi.json – the OpenAPI 3.1 document of this API (public, cacheable)
import { ifNoneMatchHits, notModified } from "@/lib/api/etag";
import { withApi } from "@/lib/api/with-api";
import { publishedDocument } from "@/lib/openapi/published";

// Public and unchanging while the server runs: caches may keep it an hour, then revalidate with the ETag.
const CACHE_CONTROL = "public, max-age=3600, must-revalidate";

export const GET = withApi("GET /api/v1/openapi.json", async ({ request }) => {
  const { text, etag } = publishedDocument();
  const headers = { ETag: etag, "Cache-Control": CACHE_CONTROL };
  if (ifNoneMatchHits(request.headers, etag)) return notModified(etag, headers);
  return new Response(text, { headers: { ...headers, "Content-Type": "application/json; charset=UTF-8" } });
});
