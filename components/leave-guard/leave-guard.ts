// Whether the page holds unsaved edits, readable outside React (sign-out, the beforeunload handler).
let unsaved = false;
let leavingOnPurpose = false;

export const setUnsaved = (value: boolean) => {
  unsaved = value;
};

/** For navigations the page starts itself after keeping the edits (sign-in round trip). */
export const leaveWithoutPrompt = () => {
  leavingOnPurpose = true;
};

export const shouldPromptOnLeave = () => unsaved && !leavingOnPurpose;

/** Asks before an in-page action that leaves (sign-out); true when leaving is fine. */
export function confirmLeave(question: string): boolean {
  if (!shouldPromptOnLeave()) return true;
  return window.confirm(question);
}
