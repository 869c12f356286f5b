"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { leaveWithoutPrompt } from "@/components/leave-guard/leave-guard";
import { runSessionEndHandlers } from "@/components/leave-guard/session-end";
import type { Role } from "@/lib/auth/roles";

/** Within the 5 s: a poll every 3 s plus the request's time and the server's 1.5 s session cache. */
const POLL_MS = 3_000;

/**
 * Follows the signed-in user's session while a settings page is open (docs/decisions/024): every 3 s (while
 * the tab is visible) it asks GET /api/v1/me. A role other than the one this page was rendered with re-renders
 * the page's server parts in place (new rights, navigation; edits kept). A session that ended (disabled,
 * deleted, signed out elsewhere) sends the page to sign-in, keeping unsaved edits as a refused save does.
 * Not next-auth's session polling: each GET /api/auth/session renews the cookie, so an idle open tab would
 * never reach SESSION_MAX_AGE_SECONDS; /api/v1/me renews nothing.
 */
export function SessionWatch({ role }: { role: Role }) {
  const router = useRouter();
  useEffect(() => {
    let busy = false;
    const check = async () => {
      if (busy || document.visibilityState !== "visible") return;
      busy = true;
      try {
        const res = await fetch("/api/v1/me", { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (res.status === 401) {
          runSessionEndHandlers();
          leaveWithoutPrompt();
          const back = window.location.pathname + window.location.search;
          const signIn = new URL(`/signin?reason=expired`, window.location.origin);
          signIn.searchParams.set("callbackUrl", back);
          window.location.assign(signIn);
          return;
        }
        // Anything else but an answer (rate limit, database down) changes nothing: the next poll tries again.
        if (res.ok && ((await res.json()) as { role?: string }).role !== role) router.refresh();
      } catch {
        // Offline for a moment: the next poll tries again.
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void check(), POLL_MS);
    const onVisible = () => void check();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [role, router]);
  return null;
}
