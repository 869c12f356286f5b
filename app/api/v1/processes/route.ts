// GET /api/v1/processes – list all; PUT /api/v1/processes – update many, all or nothing
import { readJson } from "@/lib/api/read-json";
import { jsonResponse, jsonTextResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { listProcessesJson } from "@/lib/processes/list-processes";
import { updateProcesses } from "@/lib/processes/update-processes";
import { processesUpdateSchema } from "@/lib/validations/process";

export const GET = withApi("GET /api/v1/processes", async () => {
  return jsonTextResponse(await listProcessesJson());
});

export const PUT = withApi("PUT /api/v1/processes", async ({ request }) => {
  const { processes } = await readJson(request, processesUpdateSchema);
  return jsonResponse({ processes: await updateProcesses({ processes }) });
});
