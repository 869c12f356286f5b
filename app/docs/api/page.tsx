import type { Metadata } from "next";
import { headers } from "next/headers";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "API reference" };

/**
 * The API reference, rendered in the browser by Redoc from the published document (docs/decisions/012).
 * Redoc is served by this application (./redoc.js), never from a CDN, and runs under the page's CSP: its one
 * script carries this request's nonce, and it sets only styles inline.
 */
export default async function ApiReferencePage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <>
      <div id="api-reference" className={styles.reference}>
        <p className={styles.loading}>
          Loading the API reference… The document itself: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </p>
      </div>
      <script nonce={nonce} src="/docs/api/redoc.js" defer />
    </>
  );
}
