/** The client's address: the last X-Forwarded-For hop, added by the nearest proxy or by Next itself. */
export function clientIpFromHeaders(get: (name: string) => string | null | undefined): string {
  const hops = get("x-forwarded-for")?.split(",") ?? [];
  return hops.at(-1)?.trim() || "unknown";
}
