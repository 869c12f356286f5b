import { apiFetch } from "@/lib/query/api-error";
import type { PresenceUpdate } from "@/lib/validations/presence";

// The processes page's presence on the client: its own small writes. What the others do arrives as
// `presence` events on the page's event stream (components/processes/presence/).

const pathOf = (page: string) => `/api/v1/presence/${encodeURIComponent(page)}`;

export type PresenceAnswer = { userId: number; ttlSeconds: number };

/** This page is open and edits these rows. */
export function putPresence(page: string, body: PresenceUpdate): Promise<PresenceAnswer> {
  return apiFetch<PresenceAnswer>(pathOf(page), { method: "PUT", body: JSON.stringify(body) });
}

/** The page leaves: sent with keepalive, so that it goes out while the page unloads. */
export function leavePresence(page: string): void {
  void fetch(pathOf(page), { method: "DELETE", keepalive: true, credentials: "same-origin" }).catch(() => undefined);
}
