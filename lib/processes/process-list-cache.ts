import "server-only";
import { contentEtag } from "@/lib/api/etag";
import { db } from "@/lib/db/client";
import { noteListCache } from "@/lib/metrics/ops-metrics";
import { processRevisionKey } from "@/lib/processes/revision";
import { PROCESS_SELECT, toProcess } from "@/lib/processes/serialize";
import type { Process } from "@/lib/validations/process";

/**
 * The list, the text of the API's whole answer `{"processes":[...]}`, and its entity tag (a hash of that
 * text: equal on every instance for equal data), each built once.
 */
export type CachedProcessList = { processes: Process[]; body: string; etag: string };

type Snapshot = CachedProcessList & { key: string };

// The last list read, with its JSON text: a GET that finds the revision unchanged answers from it,
// paying one cheap query instead of Prisma's row mapping and JSON serialization of every row.
let snapshot: Snapshot | null = null;

async function read(): Promise<CachedProcessList> {
  // The key is read before the rows: rows are then at least as new as the key says, never older.
  const key = await processRevisionKey();
  const hit = key !== null && snapshot?.key === key;
  noteListCache(hit);
  if (hit) return snapshot!;
  const rows = await db.process.findMany({ select: PROCESS_SELECT, orderBy: { id: "asc" } });
  // Frozen: the same objects answer many requests, and the JSON text must keep matching them.
  const processes = Object.freeze(rows.map((row) => Object.freeze(toProcess(row)))) as Process[];
  const body = JSON.stringify({ processes });
  const list = { processes, body, etag: contentEtag(body) };
  if (key !== null) snapshot = { ...list, key };
  return list;
}

// Requests that arrive while a check is running share the NEXT check, never the running one: a check
// that began before a request arrived could miss a write acknowledged just before that request. Under
// load, one revision query then serves every request that queued behind it.
//
// On SQLite the check is synchronous work behind a few promise hops, so no other request could join it
// while it runs: each check first yields one event-loop turn, letting the requests already read from the
// sockets join the batch. That waits for nothing but the loop, and moves no check earlier than a request.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
type Batch = {
  promise: Promise<CachedProcessList>;
  resolve: (l: CachedProcessList) => void;
  reject: (e: unknown) => void;
};
let waiting: Batch | null = null;
let checking = false;

function newBatch(): Batch {
  let resolve!: Batch["resolve"];
  let reject!: Batch["reject"];
  const promise = new Promise<CachedProcessList>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function drain(): Promise<void> {
  checking = true;
  try {
    while (waiting) {
      await nextTurn();
      const batch = waiting;
      waiting = null;
      await read().then(batch.resolve, batch.reject);
    }
  } finally {
    checking = false;
  }
}

/** The current process list (ordered by id) and its JSON text; never older than the call. */
export function currentProcessList(): Promise<CachedProcessList> {
  waiting ??= newBatch();
  const { promise } = waiting;
  if (!checking) void drain();
  return promise;
}
