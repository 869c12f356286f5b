import { AppError } from "@/lib/errors";

// Event ids of GET /api/v1/processes/events are `<epoch>:<change id>`: the database's epoch (a random value
// chosen when it was created or restored) and the history row's id. A Last-Event-ID from another copy of the
// database (another epoch) is then never taken for one of this copy's changes (docs/decisions/020).

/** The largest change id: the history id column is a 32-bit integer on both databases. */
export const MAX_CHANGE_ID = 2_147_483_647;

/** Where a client says it is: `epoch` null for a plain numeric id (from before ids carried the epoch). */
export type EventPosition = { epoch: string | null; id: number };

export const formatEventId = (epoch: string, id: number) => `${epoch}:${id}`;

const malformed = (detail: string) =>
  new AppError(1001, "Last-Event-ID must be the id of an event this stream sent", {
    errors: [{ pointer: "", detail }],
  });

/** The position in a Last-Event-ID header (null when absent or blank); 1001 when malformed or out of range. */
export function parseLastEventId(header: string | null): EventPosition | null {
  if (header === null || header.trim() === "") return null;
  const match = /^(?:([A-Za-z0-9]{1,32}):)?(\d{1,20})$/.exec(header.trim());
  if (!match) throw malformed("header Last-Event-ID is malformed");
  const id = Number(match[2]);
  if (id > MAX_CHANGE_ID) throw malformed(`header Last-Event-ID names a change id above ${MAX_CHANGE_ID}`);
  return { epoch: match[1] ?? null, id };
}
