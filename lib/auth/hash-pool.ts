import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/env";

// bcryptjs is plain JavaScript: on the main thread each check holds the event loop in slices of up to
// 100 ms, so a flood of sign-ins took every API request's time (issue 18). Here hashing runs in worker
// threads (SIGNIN_HASH_WORKERS), with a short queue (SIGNIN_HASH_QUEUE); beyond it a check is refused at
// once (HashPoolFull) instead of waiting behind the flood.

/** The pool and its queue are full: answered as "busy", never as a wrong password. */
export class HashPoolFull extends Error {
  constructor() {
    super("password hashing is busy");
    this.name = "HashPoolFull";
  }
}

type Job = { op: "hash" | "compare"; args: [string, string | number] };
type Pending = Job & { resolve: (value: unknown) => void; reject: (error: Error) => void };

// Evaluated as CommonJS in each worker; bcryptjs is resolved from the project folder, outside Next's bundle.
const WORKER_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const bcrypt = require("node:module").createRequire(workerData.base)("bcryptjs");
parentPort.on("message", ({ id, op, args }) => {
  try {
    const value = op === "hash" ? bcrypt.hashSync(args[0], args[1]) : bcrypt.compareSync(args[0], args[1]);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Slot = { worker: Worker; busy: Pending | null };

const slots: Slot[] = [];
const queue: Pending[] = [];
let started = 0;
let nextId = 0;

function spawn(): Slot {
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { base: path.join(process.cwd(), "package.json") },
  });
  // An idle worker must not keep a process (the CLI) alive; a busy one must, until it answers.
  worker.unref();
  const slot: Slot = { worker, busy: null };
  worker.on("message", (message: { value?: unknown; error?: string }) => {
    const job = slot.busy;
    slot.busy = null;
    worker.unref();
    if (job) {
      if (message.error !== undefined) job.reject(new Error(message.error));
      else job.resolve(message.value);
    }
    pump();
  });
  worker.on("error", (error) => {
    slot.busy?.reject(error);
    slots.splice(slots.indexOf(slot), 1);
    pump();
  });
  return slot;
}

function pump(): void {
  while (queue.length > 0) {
    let slot = slots.find((s) => s.busy === null);
    if (!slot && slots.length < env.SIGNIN_HASH_WORKERS) slots.push((slot = spawn()));
    if (!slot) return;
    const job = queue.shift()!;
    slot.busy = job;
    slot.worker.ref();
    started += 1;
    slot.worker.postMessage({ id: nextId++, op: job.op, args: job.args });
  }
}

function run<T>(job: Job): Promise<T> {
  const free = slots.some((s) => s.busy === null) || slots.length < env.SIGNIN_HASH_WORKERS;
  if (!free && queue.length >= env.SIGNIN_HASH_QUEUE) return Promise.reject(new HashPoolFull());
  return new Promise<T>((resolve, reject) => {
    queue.push({ ...job, resolve: resolve as (value: unknown) => void, reject });
    pump();
  });
}

export const hashInPool = (password: string, cost: number) => run<string>({ op: "hash", args: [password, cost] });

export const compareInPool = (password: string, hash: string) =>
  run<boolean>({ op: "compare", args: [password, hash] });

/** Hashes this instance has started since it began: sign-in log lines carry it, so tests can see none ran. */
export const hashesStarted = () => started;
