import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * false while the server renders and the page hydrates, true once React handles the page's events. A form that
 * renders on the server shows its controls at once, but what is typed or chosen before hydration never reaches
 * React's state: the later save would send the old value (seen in e2e/change-control.spec.ts on a busy machine).
 * And a form submitted before hydration is sent by the browser itself, as a GET with every field in the URL (a
 * password, on the sign-in page): the forms keep their submit button disabled until then (e2e/before-hydration.spec.ts).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
