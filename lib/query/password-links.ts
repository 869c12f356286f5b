import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { PasswordLinkInfo } from "@/lib/validations/users";

// One-time set-password links on the public set-password page: whom a link is for, and using it.

export const passwordLinkKeys = {
  all: ["password-links"] as const,
  check: (token: string) => [...passwordLinkKeys.all, "check", token] as const,
};

const post = (body: unknown): RequestInit => ({ method: "POST", body: JSON.stringify(body) });

export const passwordLinkQueryOptions = (token: string) =>
  queryOptions({
    queryKey: passwordLinkKeys.check(token),
    queryFn: () => apiFetch<PasswordLinkInfo>("/api/v1/password-links/check", post({ token })),
    // One check per page load: each counts against the address's sign-in attempts.
    retry: false,
    staleTime: Infinity,
    enabled: token !== "",
  });

export const usePasswordLink = (token: string) => useQuery(passwordLinkQueryOptions(token));

export function useSetPasswordWithLink() {
  return useMutation({
    mutationKey: [...passwordLinkKeys.all, "use"],
    mutationFn: (body: { token: string; password: string }) =>
      apiFetch<{ email: string }>("/api/v1/password-links/use", post(body)),
  });
}
