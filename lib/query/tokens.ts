import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { TokenCreate, TokenSummary } from "@/lib/validations/token";

// The API tokens resource on the client: keys, fetchers, query options and mutation hooks.

export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

export async function fetchTokens(): Promise<TokenSummary[]> {
  return (await apiFetch<{ tokens: TokenSummary[] }>("/api/v1/tokens")).tokens;
}

export const tokensQueryOptions = () => queryOptions({ queryKey: tokenKeys.list(), queryFn: fetchTokens });

export function useTokens() {
  return useQuery(tokensQueryOptions());
}

const upsert = (list: TokenSummary[] | undefined, token: TokenSummary) =>
  list?.some((t) => t.id === token.id) ? list.map((t) => (t.id === token.id ? token : t)) : [...(list ?? []), token];

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...tokenKeys.all, "create"],
    mutationFn: (body: TokenCreate) =>
      apiFetch<{ token: TokenSummary; secret: string }>("/api/v1/tokens", {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSuccess: ({ token }) => client.setQueryData<TokenSummary[]>(tokenKeys.list(), (list) => upsert(list, token)),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...tokenKeys.all, "revoke"],
    mutationFn: (id: number) => apiFetch<{ token: TokenSummary }>(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: ({ token }) => client.setQueryData<TokenSummary[]>(tokenKeys.list(), (list) => upsert(list, token)),
  });
}
