"use client";
// Runs csv-read.ts for a file: on the page when it is small (no worker start-up to wait for), in a worker
// when it is big, so the page keeps answering while thousands of records are parsed.
import { readCsvBytes, WORKER_FROM_BYTES, type CsvBytesResult } from "./csv-read";
import type { CsvEncoding } from "./csv-encoding";

export function readCsvFile(bytes: Uint8Array, encoding?: CsvEncoding): Promise<CsvBytesResult> {
  if (bytes.length < WORKER_FROM_BYTES || typeof Worker === "undefined")
    return Promise.resolve(readCsvBytes(bytes, encoding));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./csv-read.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<CsvBytesResult>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    // A copy goes to the worker: the page keeps its bytes to read again in another encoding.
    worker.postMessage({ bytes, encoding });
  });
}
