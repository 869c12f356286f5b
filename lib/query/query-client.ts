import { isServer, QueryClient } from "@tanstack/react-query";
import { isApiError } from "@/lib/query/api-error";

const MAX_RATE_LIMIT_RETRIES = 5;
const MAX_NETWORK_RETRIES = 3;

/**
 * No answer at all (fetch's TypeError) while the browser says it is offline: the request never left, so
 * sending it again cannot write twice. (Online, a lost answer may follow a write that happened: not retried.)
 */
const isOfflineError = (error: unknown) =>
  error instanceof TypeError && typeof navigator !== "undefined" && navigator.onLine === false;

/**
 * 6001 (429) is retried after the server's Retry-After; a request that failed because the browser is offline
 * is retried too, and the retry waits (paused) for the network: the page says "Waiting for the network" and
 * saves when it returns. Other refusals are final and shown where they belong.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isOfflineError(error)) return failureCount < MAX_NETWORK_RETRIES;
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
