// The parse worker: reads one file's bytes (csv-read.ts) off the page's thread and posts the result back.
import { readCsvBytes } from "./csv-read";
import type { CsvEncoding } from "./csv-encoding";

type Request = { bytes: Uint8Array; encoding?: CsvEncoding };

self.onmessage = (event: MessageEvent<Request>) => {
  const { bytes, encoding } = event.data;
  self.postMessage(readCsvBytes(bytes, encoding));
};
