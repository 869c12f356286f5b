import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { Account, AccountSession, AccountUpdate, PasswordChange } from "@/lib/validations/account";

// One's own account on the client: keys, fetchers, query options and mutation hooks.

export const accountKeys = {
  all: ["account"] as const,
  account: () => [...accountKeys.all, "me"] as const,
  sessions: () => [...accountKeys.all, "sessions"] as const,
};

export async function fetchAccount(): Promise<Account> {
  return (await apiFetch<{ account: Account }>("/api/v1/account")).account;
}

export async function fetchAccountSessions(): Promise<AccountSession[]> {
  return (await apiFetch<{ sessions: AccountSession[] }>("/api/v1/account/sessions")).sessions;
}

export const accountQueryOptions = () => queryOptions({ queryKey: accountKeys.account(), queryFn: fetchAccount });
export const accountSessionsQueryOptions = () =>
  queryOptions({ queryKey: accountKeys.sessions(), queryFn: fetchAccountSessions });

export const useAccount = () => useQuery(accountQueryOptions());
export const useAccountSessions = () => useQuery(accountSessionsQueryOptions());

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...accountKeys.all, "password"],
    mutationFn: (body: PasswordChange) =>
      apiFetch<{ endedSessions: number }>("/api/v1/account/password", { method: "PUT", body: JSON.stringify(body) }),
    // The other sessions ended: the list shows this one alone.
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.sessions() }),
  });
}

export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...accountKeys.all, "end-session"],
    mutationFn: (id: string) =>
      apiFetch<{ session: AccountSession }>(`/api/v1/account/sessions/${id}`, { method: "DELETE" }),
    onSuccess: ({ session }) =>
      client.setQueryData<AccountSession[]>(accountKeys.sessions(), (list) => list?.filter((s) => s.id !== session.id)),
  });
}

export function useUpdateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...accountKeys.all, "update"],
    mutationFn: (body: AccountUpdate) =>
      apiFetch<{ account: Account }>("/api/v1/account", { method: "PATCH", body: JSON.stringify(body) }),
    onSuccess: ({ account }) => client.setQueryData(accountKeys.account(), account),
  });
}
