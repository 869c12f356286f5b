import "server-only";
import { rememberJson } from "@/lib/api/respond";
import { currentProcessList } from "@/lib/processes/process-list-cache";
import type { Process } from "@/lib/validations/process";

/**
 * Every process, ordered by id; current as of the call. The array and its items are shared between
 * callers and frozen: copy before changing. jsonResponse knows its JSON text and does not serialize it again.
 */
export async function listProcesses(): Promise<Process[]> {
  const { processes, json } = await currentProcessList();
  return rememberJson(processes, json);
}

/** The same list as JSON text, `{"processes":[...]}`, for answering without serializing. */
export async function listProcessesJson(): Promise<string> {
  return (await currentProcessList()).body;
}
