import "server-only";
import { formatEventId } from "@/lib/processes/event-ids";
import type { ProcessChange, ProcessEvent } from "@/lib/validations/process-history";

// The bytes of Server-Sent Events frames. The change feed encodes each batch of changes once per instance, as
// one buffer that every stream sends views of (no copy per stream); a replay encodes its own pages.

/** Frames of consecutive changes in one buffer: `ends[i]` is where the frame of change `ids[i]` ends. */
export type EncodedBatch = { bytes: Uint8Array; ids: number[]; ends: number[] };

const encoder = new TextEncoder();

/** A change as the event stream's `data` (and a webhook's body) carries it. */
export function eventData(change: ProcessChange): ProcessEvent {
  const { processId, name, comment, version, changedAt, changedBy, previous, requestId, kind, reason, signature } =
    change;
  const event = { id: processId, name, comment, version, updatedAt: changedAt, changedBy, previous, requestId, kind };
  // Reason and signature only when the change has them: with change control off, events are as before.
  return { ...event, ...(reason !== undefined ? { reason } : {}), ...(signature ? { signature } : {}) };
}

export const textFrame = (text: string) => encoder.encode(text);

export const eventFrame = (event: string, id: string, data: unknown) => encoder.encode(frameText(event, id, data));

const frameText = (event: string, id: string, data: unknown) =>
  `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;

export function encodeChanges(epoch: string, changes: ProcessChange[]): EncodedBatch {
  const texts = changes.map((change) => frameText("process", formatEventId(epoch, change.id), eventData(change)));
  let end = 0;
  const ends = texts.map((text) => (end += Buffer.byteLength(text)));
  return { bytes: encoder.encode(texts.join("")), ids: changes.map((change) => change.id), ends };
}

/** `reset`: fetch the list again; its id is where the stream goes on from. */
export const resetFrame = (epoch: string, id: number, reason: string) =>
  eventFrame("reset", formatEventId(epoch, id), { reason });
