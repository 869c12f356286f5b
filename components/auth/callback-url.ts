const DEFAULT_DESTINATION = "/settings/processes";

/** Only a path on this site: "//evil.example" or "https://…" would make sign-in an open redirect. */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return DEFAULT_DESTINATION;
  try {
    const url = new URL(raw, "http://local.invalid");
    if (!raw.startsWith("/") || raw.startsWith("//") || url.origin !== "http://local.invalid")
      return DEFAULT_DESTINATION;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_DESTINATION;
  }
}
