"use client";

import { useEffect } from "react";
import { setUnsaved, shouldPromptOnLeave } from "./leave-guard";

/**
 * Asks before the document goes away with unsaved edits: reload, closing the tab, back, and the settings
 * links (plain links: every navigation away from the editor unloads the document, so one prompt covers all).
 */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    setUnsaved(dirty);
  }, [dirty]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!shouldPromptOnLeave()) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      setUnsaved(false);
    };
  }, []);
}
