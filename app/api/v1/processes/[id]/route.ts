// PUT /api/v1/processes/{id} – update one
import { parseIdParam } from "@/lib/api/parse-with";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { AppError } from "@/lib/errors";
import { updateProcess } from "@/lib/processes/update-process";
import { processUpdateSchema } from "@/lib/validations/process";

export const PUT = withApi<{ id: string }>("PUT /api/v1/processes/{id}", async ({ request, params }) => {
  const id = parseIdParam(params.id);
  const { id: bodyId, ...fields } = await readJson(request, processUpdateSchema);
  if (bodyId !== undefined && bodyId !== id) {
    throw new AppError(1001, `Body id ${bodyId} differs from the path's id ${id}`, {
      errors: [{ pointer: "/id", detail: `must equal the path's id ${id}` }],
    });
  }
  return jsonResponse(await updateProcess({ id, fields }));
});
