/** Where a redirect goes when its target would leave the app (or cannot be read). */
export const SAFE_DESTINATION = "/settings";

/**
 * A redirect target as a path on this app: `value` (a callbackUrl, a next-auth redirect) is resolved
 * against the app's own origin, as a browser would resolve it; anything that leaves the origin is
 * SAFE_DESTINATION. The result never starts with "//" or "/\", which browsers read as another host.
 */
export function safeCallbackUrl(value: string | string[] | null | undefined, appOrigin: string): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return SAFE_DESTINATION;
  let url: URL;
  try {
    url = new URL(raw, `${appOrigin}/`);
  } catch {
    return SAFE_DESTINATION;
  }
  if (url.origin !== appOrigin) return SAFE_DESTINATION;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return SAFE_DESTINATION;
  return path;
}
