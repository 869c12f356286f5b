import { isServer, QueryClient } from "@tanstack/react-query";
import { isApiError } from "@/lib/query/api-error";

const MAX_RATE_LIMIT_RETRIES = 5;

/** 6001 (429) is retried after the server's Retry-After; other refusals are final and shown where they belong. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return isApiError(error) && error.code === 6001 && failureCount < MAX_RATE_LIMIT_RETRIES;
}

export function retryDelay(failureCount: number, error: unknown): number {
  const seconds = isApiError(error) ? error.retryAfterSeconds : undefined;
  return seconds !== undefined ? seconds * 1000 + 100 : Math.min(1000 * 2 ** failureCount, 10_000);
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The server prefetches the list: without a staleTime the client would refetch it at once after hydration.
      queries: { staleTime: 30_000, retry: shouldRetry, retryDelay },
      mutations: { retry: shouldRetry, retryDelay },
    },
  });
}

let browserClient: QueryClient | undefined;

/** One client per request on the server, one for the page's lifetime in the browser. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
