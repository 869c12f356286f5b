"use client";

import { useEffect, useRef, useState } from "react";
import { leavePresence, putPresence } from "@/lib/query/presence";
import { MAX_EDITING_IDS } from "@/lib/validations/presence";
import type { PresenceStore } from "./presence-store";

// The page tells the server it is open, and which rows it has edits in: at once when it opens and when it
// starts editing, then every RENEW_MS (the server counts it for 8 s after each write). A change of the rows
// waits for the next renewal, so a page that edits sends at most one request per 5 s; leaving sends one
// DELETE with keepalive (docs/decisions/030-presence.md).

const RENEW_MS = 5_000;

function newPageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function usePagePresence(presence: PresenceStore, editedIds: readonly number[]): void {
  const [page] = useState(newPageId);
  const key = [...editedIds]
    .sort((a, b) => a - b)
    .slice(0, MAX_EDITING_IDS)
    .join(",");
  const latest = useRef(key);
  const changed = useRef<(() => void) | null>(null);

  useEffect(() => {
    let lastAt = -Infinity;
    let lastKey: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      clearTimeout(timer);
      lastAt = Date.now();
      lastKey = latest.current;
      const editing = lastKey ? lastKey.split(",").map(Number) : [];
      // A refusal or no network: the next renewal tries again (the others stop counting this page meanwhile).
      putPresence(page, { editing }).then(
        (answer) => presence.setSelf(answer.userId),
        () => undefined,
      );
      timer = setTimeout(send, RENEW_MS);
    };
    changed.current = () => {
      if (latest.current === lastKey) return;
      const starts = lastKey === "" && latest.current !== "";
      clearTimeout(timer);
      timer = setTimeout(send, starts ? 0 : Math.max(0, lastAt + RENEW_MS - Date.now()));
    };
    const onHide = () => {
      clearTimeout(timer);
      leavePresence(page);
    };
    // Back from the browser's page cache: open again.
    const onShow = (event: PageTransitionEvent) => event.persisted && send();
    send();
    window.addEventListener("pagehide", onHide);
    window.addEventListener("pageshow", onShow);
    return () => {
      changed.current = null;
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("pageshow", onShow);
      onHide();
    };
  }, [page, presence]);

  useEffect(() => {
    latest.current = key;
    changed.current?.();
  }, [key]);
}
