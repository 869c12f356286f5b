import "server-only";
import { currentProcessList } from "@/lib/processes/process-list-cache";
import type { Process } from "@/lib/validations/process";

/** Every process, ordered by id; current as of the call. Shared between callers and frozen: copy to change. */
export async function listProcesses(): Promise<Process[]> {
  return (await currentProcessList()).processes;
}

/** The same list as the API's JSON text, `{"processes":[...]}` (one string reused while nothing changes), and its ETag. */
export async function listProcessesJson(): Promise<{ body: string; etag: string }> {
  const { body, etag } = await currentProcessList();
  return { body, etag };
}
