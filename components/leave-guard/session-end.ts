// What a page keeps when its session is found ended (the session watch, components/settings/session-watch.tsx),
// before it goes to sign-in: the processes editor stashes its unsaved edits here, as a 2002 on save does.
const handlers = new Set<() => void>();

/** Registers a handler; returns the function that removes it. */
export function onSessionEnd(handler: () => void): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

export function runSessionEndHandlers(): void {
  for (const handler of handlers) handler();
}
