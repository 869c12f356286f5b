import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { SignatureInput } from "@/lib/validations/change-control";
import type { ChangeRequest, ChangeRequestState } from "@/lib/validations/change-request";

// Change requests (four-eyes approval, docs/decisions/043) on the client: keys, fetchers, query options, the
// decisions, and what a save held for approval throws.

export const changeRequestKeys = {
  all: ["change-requests"] as const,
  list: (state?: ChangeRequestState) => [...changeRequestKeys.all, "list", state ?? "any"] as const,
  one: (id: number) => [...changeRequestKeys.all, "one", id] as const,
};

/** A save that the server held as a change request (202): nothing was written. */
export class HeldForApproval extends Error {
  constructor(readonly changeRequest: ChangeRequest) {
    super(`held as change request ${changeRequest.id}`);
    this.name = "HeldForApproval";
  }
}

export const isHeldForApproval = (error: unknown): error is HeldForApproval => error instanceof HeldForApproval;

export async function fetchChangeRequests(state?: ChangeRequestState): Promise<ChangeRequest[]> {
  const query = state ? `?state=${state}` : "";
  return (await apiFetch<{ changeRequests: ChangeRequest[] }>(`/api/v1/change-requests${query}`)).changeRequests;
}

export async function fetchChangeRequest(id: number): Promise<ChangeRequest> {
  return (await apiFetch<{ changeRequest: ChangeRequest }>(`/api/v1/change-requests/${id}`)).changeRequest;
}

export const changeRequestsQueryOptions = (state?: ChangeRequestState) =>
  queryOptions({ queryKey: changeRequestKeys.list(state), queryFn: () => fetchChangeRequests(state) });

/**
 * Reads the change requests again after one was made or decided. A fetch already under way (the page's first,
 * still in flight) was read before that: React Query would hand it back instead of fetching again, so it is
 * cancelled first (seen in e2e/change-requests.spec.ts: a held save whose row never showed as pending).
 */
export async function refreshChangeRequests(client: QueryClient): Promise<void> {
  await client.cancelQueries({ queryKey: changeRequestKeys.all });
  await client.invalidateQueries({ queryKey: changeRequestKeys.all });
}

export const useChangeRequests = (state?: ChangeRequestState, enabled = true) =>
  useQuery({ ...changeRequestsQueryOptions(state), enabled });

export const useChangeRequest = (id: number | null) =>
  useQuery({
    queryKey: changeRequestKeys.one(id ?? 0),
    queryFn: () => fetchChangeRequest(id!),
    enabled: id !== null,
  });

export type Decision =
  | { id: number; verb: "approve"; signature?: SignatureInput }
  | { id: number; verb: "reject"; reason: string; signature?: SignatureInput }
  | { id: number; verb: "withdraw" };

export function useDecideChangeRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...changeRequestKeys.all, "decide"],
    mutationFn: ({ id, verb, ...body }: Decision) =>
      apiFetch<{ changeRequest: ChangeRequest }>(`/api/v1/change-requests/${id}/${verb}`, {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSettled: () => refreshChangeRequests(client),
  });
}
