import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { WebhookCreate, WebhookDelivery, WebhookSummary } from "@/lib/validations/webhook";

// The webhooks resource on the client: keys, fetchers, query options and mutation hooks.

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  deliveries: (id: number) => [...webhookKeys.all, "deliveries", id] as const,
};

export async function fetchWebhooks(): Promise<WebhookSummary[]> {
  return (await apiFetch<{ webhooks: WebhookSummary[] }>("/api/v1/webhooks")).webhooks;
}

export const webhooksQueryOptions = () =>
  queryOptions({ queryKey: webhookKeys.list(), queryFn: fetchWebhooks, refetchInterval: 5_000 });

export function useWebhooks() {
  return useQuery(webhooksQueryOptions());
}

export function useDeliveries(id: number) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id),
    queryFn: async () =>
      (await apiFetch<{ deliveries: WebhookDelivery[] }>(`/api/v1/webhooks/${id}/deliveries`)).deliveries,
    refetchInterval: 5_000,
  });
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...webhookKeys.all, "create"],
    mutationFn: (body: WebhookCreate) =>
      apiFetch<{ webhook: WebhookSummary; secret: string }>("/api/v1/webhooks", {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSuccess: ({ webhook }) =>
      client.setQueryData<WebhookSummary[]>(webhookKeys.list(), (list) => [...(list ?? []), webhook]),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...webhookKeys.all, "delete"],
    mutationFn: (id: number) => apiFetch<{ webhook: WebhookSummary }>(`/api/v1/webhooks/${id}`, { method: "DELETE" }),
    onSuccess: ({ webhook }) =>
      client.setQueryData<WebhookSummary[]>(webhookKeys.list(), (list) => list?.filter((w) => w.id !== webhook.id)),
  });
}

export function useRetryDelivery(webhookId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...webhookKeys.all, "retry", webhookId],
    mutationFn: (deliveryId: number) =>
      apiFetch<{ delivery: WebhookDelivery }>(`/api/v1/webhooks/${webhookId}/deliveries/${deliveryId}/retry`, {
        method: "POST",
      }),
    onSuccess: ({ delivery }) =>
      client.setQueryData<WebhookDelivery[]>(webhookKeys.deliveries(webhookId), (list) =>
        list?.map((d) => (d.id === delivery.id ? delivery : d)),
      ),
  });
}
