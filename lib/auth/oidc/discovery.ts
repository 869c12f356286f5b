import "server-only";
import { createRemoteJWKSet } from "jose";
import { discoveryUrl, type OidcSettings } from "@/lib/auth/oidc/settings";

// The provider's metadata, for what next-auth does not do itself: verifying back-channel logout tokens
// (jwks_uri) and signing out at the provider (end_session_endpoint). Kept for CACHE_MS per instance; a
// failed fetch is not kept, so the next request asks again.

export type ProviderMetadata = {
  issuer: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  backchannel_logout_supported?: boolean;
};

const CACHE_MS = 10 * 60_000;
const FETCH_TIMEOUT_MS = 3_000;

let cached: { metadata: Promise<ProviderMetadata>; until: number } | null = null;
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

async function fetchMetadata(settings: OidcSettings): Promise<ProviderMetadata> {
  const res = await fetch(discoveryUrl(settings.issuer), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`OIDC discovery answered ${res.status}`);
  const metadata = (await res.json()) as Partial<ProviderMetadata>;
  // The document must be the configured issuer's own (OpenID Connect Discovery 1.0, section 4.3).
  if (metadata.issuer !== settings.issuer)
    throw new Error(`OIDC discovery names issuer ${String(metadata.issuer)}, not OIDC_ISSUER ${settings.issuer}`);
  if (typeof metadata.jwks_uri !== "string") throw new Error("OIDC discovery has no jwks_uri");
  return metadata as ProviderMetadata;
}

export async function providerMetadata(settings: OidcSettings): Promise<ProviderMetadata> {
  const now = Date.now();
  if (!cached || cached.until <= now) {
    const metadata = fetchMetadata(settings);
    cached = { metadata, until: now + CACHE_MS };
    metadata.catch(() => (cached = null));
  }
  return cached.metadata;
}

/** The provider's signing keys; jose fetches them again when a token names a key it has not seen. */
export async function providerKeys(settings: OidcSettings) {
  const { jwks_uri } = await providerMetadata(settings);
  let keys = keySets.get(jwks_uri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwks_uri), { timeoutDuration: FETCH_TIMEOUT_MS });
    keySets.set(jwks_uri, keys);
  }
  return keys;
}
