import "server-only";
import { formatEventId } from "@/lib/processes/event-ids";
import type { ProcessChange, ProcessEvent } from "@/lib/validations/process-history";

// The bytes of Server-Sent Events frames. A change's frame is made once per instance by the change feed and
// shared by every stream; replays make their own.

export type EncodedChange = { id: number; bytes: Uint8Array };

const encoder = new TextEncoder();

function eventData(change: ProcessChange): ProcessEvent {
  const { processId, name, comment, version, changedAt, changedBy, previous, requestId, kind } = change;
  return { id: processId, name, comment, version, updatedAt: changedAt, changedBy, previous, requestId, kind };
}

export const textFrame = (text: string) => encoder.encode(text);

export const eventFrame = (event: string, id: string, data: unknown) =>
  encoder.encode(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);

export const encodeChange = (epoch: string, change: ProcessChange): EncodedChange => ({
  id: change.id,
  bytes: eventFrame("process", formatEventId(epoch, change.id), eventData(change)),
});

/** `reset`: fetch the list again; its id is where the stream goes on from. */
export const resetFrame = (epoch: string, id: number, reason: string) =>
  eventFrame("reset", formatEventId(epoch, id), { reason });
