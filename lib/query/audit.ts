import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { AuditFilter, AuditPage } from "@/lib/validations/audit";

// The security audit log on the client: pages of events (newest first, "load more"), and the CSV's address.

export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: ["audit"] as const,
  list: (filter: AuditFilter) => [...auditKeys.all, "list", filter] as const,
};

/** The query string of a filter (empty members left out), as the API and the CSV link take it. */
export function auditSearch(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export async function fetchAuditPage(filter: AuditFilter, cursor: string | null): Promise<AuditPage> {
  const extra: Record<string, string> = { limit: String(AUDIT_PAGE_SIZE), ...(cursor ? { cursor } : {}) };
  return apiFetch<AuditPage>(`/api/v1/audit${auditSearch(filter, extra)}`);
}

export const auditQueryOptions = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam }) => fetchAuditPage(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useAuditEvents = (filter: AuditFilter) => useInfiniteQuery(auditQueryOptions(filter));

/** Where the CSV of the same filter downloads from. */
export const auditCsvHref = (filter: AuditFilter) => `/api/v1/audit.csv${auditSearch(filter)}`;
