import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { ChangeControlAnswer, ChangeControlPolicy } from "@/lib/validations/change-control";

// The change-control policy on the client: key, fetcher, query options and the Super user's save.

export type PolicyInForce = ChangeControlAnswer["policy"];

export const changeControlKeys = {
  all: ["change-control"] as const,
  policy: () => [...changeControlKeys.all, "policy"] as const,
};

export async function fetchChangeControl(): Promise<PolicyInForce> {
  return (await apiFetch<ChangeControlAnswer>("/api/v1/change-control")).policy;
}

export const changeControlQueryOptions = () =>
  queryOptions({ queryKey: changeControlKeys.policy(), queryFn: fetchChangeControl, staleTime: 30_000 });

export const useChangeControl = () => useQuery(changeControlQueryOptions());

export function useSaveChangeControl() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...changeControlKeys.all, "save"],
    mutationFn: (policy: ChangeControlPolicy) =>
      apiFetch<ChangeControlAnswer>("/api/v1/change-control", { method: "PUT", body: JSON.stringify(policy) }),
    onSuccess: ({ policy }) => client.setQueryData(changeControlKeys.policy(), policy),
  });
}
