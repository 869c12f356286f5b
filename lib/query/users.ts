import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { Role } from "@/lib/auth/roles";
import type { PasswordLink, UserAdd, UserPatch, UserSummary } from "@/lib/validations/users";

// The users resource on the client (Super users): keys, fetchers, query options and mutation hooks. Every
// change answers the user as it is now, which replaces their row in the cached list.

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export async function fetchUsers(): Promise<UserSummary[]> {
  return (await apiFetch<{ users: UserSummary[] }>("/api/v1/users")).users;
}

// Sessions and last sign-ins move without this page: refetched every 10 s while it is open.
export const usersQueryOptions = () =>
  queryOptions({ queryKey: userKeys.list(), queryFn: fetchUsers, refetchInterval: 10_000 });

export function useUsers() {
  return useQuery(usersQueryOptions());
}

const upsert = (list: UserSummary[] | undefined, user: UserSummary) =>
  list?.some((u) => u.id === user.id) ? list.map((u) => (u.id === user.id ? user : u)) : [...(list ?? []), user];

function useUserMutation<V, R extends { user: UserSummary }>(name: string, call: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...userKeys.all, name],
    mutationFn: call,
    onSuccess: ({ user }) => client.setQueryData<UserSummary[]>(userKeys.list(), (list) => upsert(list, user)),
  });
}

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

export const useCreateUser = () =>
  useUserMutation("create", (body: UserAdd) =>
    apiFetch<{ user: UserSummary; link: PasswordLink | null }>("/api/v1/users", json("POST", body)),
  );

export const usePatchUser = () =>
  useUserMutation("patch", ({ id, ...body }: { id: number } & UserPatch) =>
    apiFetch<{ user: UserSummary }>(`/api/v1/users/${id}`, json("PATCH", body)),
  );

export const useResetPassword = () =>
  useUserMutation("reset", (id: number) =>
    apiFetch<{ user: UserSummary; link: PasswordLink }>(`/api/v1/users/${id}/password-link`, json("POST")),
  );

export const useEndSessions = () =>
  useUserMutation("end-sessions", (id: number) =>
    apiFetch<{ user: UserSummary; ended: number }>(`/api/v1/users/${id}/sessions`, json("DELETE")),
  );

export function useDeleteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...userKeys.all, "delete"],
    mutationFn: (id: number) => apiFetch<{ user: UserSummary }>(`/api/v1/users/${id}`, json("DELETE")),
    onSuccess: ({ user }) =>
      client.setQueryData<UserSummary[]>(userKeys.list(), (list) => list?.filter((u) => u.id !== user.id)),
  });
}

export type RoleChange = { id: number; role: Role };
