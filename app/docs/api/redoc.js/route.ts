// GET /docs/api/redoc.js – Redoc's standalone bundle, served from node_modules, with the call that renders
// the published document into the page (so the page needs no inline script)
import { readFileSync } from "node:fs";
import path from "node:path";
import { contentEtag, ifNoneMatchHits, notModified } from "@/lib/api/etag";
import { DOCS_OPTIONS } from "@/lib/openapi/docs-options";

/** The bundle's one request elsewhere: its footer logo. Offline and under `img-src 'self' data:`, an empty image. */
const CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const NO_LOGO = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

let script: { text: string; etag: string } | undefined;

function redocScript() {
  if (!script) {
    const bundle = readFileSync(path.join(process.cwd(), "node_modules/redoc/bundles/redoc.standalone.js"), "utf8");
    // Redoc renders into a node of its own at the end of <body>, outside the tree React hydrates: rendered into
    // the page's element before hydration, React found a mismatch and replaced Redoc's output (React error 418).
    const options = JSON.stringify(DOCS_OPTIONS);
    const init = `\n;(function () { var root = document.createElement("div"); root.id = "redoc-root"; document.body.appendChild(root); Redoc.init("/api/v1/openapi.json", ${options}, root); })();\n`;
    // e2e/api-docs.spec.ts fails on any request the page makes elsewhere, should an upgrade add one.
    const text = bundle.replaceAll(CDN_LOGO, NO_LOGO) + init;
    script = { text, etag: contentEtag(text) };
  }
  return script;
}

export function GET(request: Request): Response {
  const { text, etag } = redocScript();
  const headers = { ETag: etag, "Cache-Control": "public, max-age=3600, must-revalidate" };
  if (ifNoneMatchHits(request.headers, etag)) return notModified(etag, headers);
  return new Response(text, { headers: { ...headers, "Content-Type": "text/javascript; charset=UTF-8" } });
}
