// Plant processes API from TypeScript: openapi-fetch over types generated from the published document
// (`npm run api:types`, or in your project: npx -p openapi-typescript@7.13.0 -p typescript@5.9.3 openapi-typescript "$BASE_URL/api/v1/openapi.json" -o plant-api.d.ts).
// Reads every process, changes two, then several at once (all or nothing), retrying 429 and 503 as told.
//
//   BASE_URL=https://processes.plant.example API_TOKEN=ppt_… npx tsx sync-processes.ts
import createClient from "openapi-fetch";
import type { components, paths } from "./plant-api";

type Problem = components["schemas"]["Problem"];

const MAX_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** fetch that waits as Retry-After says on 429 and 503, and backs off exponentially on a 503 without it. */
async function retryingFetch(request: Request): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(request.clone());
    if ((response.status !== 429 && response.status !== 503) || attempt === MAX_ATTEMPTS - 1) return response;
    const retryAfter = Number(response.headers.get("Retry-After"));
    const ms = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** attempt;
    console.error(`${request.method} ${new URL(request.url).pathname}: ${response.status}, waiting ${ms} ms`);
    await sleep(Math.min(ms, 60_000));
  }
}

const api = createClient<paths>({
  baseUrl: process.env.BASE_URL ?? "http://localhost:3000",
  headers: { Authorization: `Bearer ${process.env.API_TOKEN}` },
  fetch: retryingFetch,
});

function fail(problem: Problem): never {
  throw new Error(
    `${problem.code ?? problem.status} ${problem.title}: ${problem.detail} (request ${problem.requestId})`,
  );
}

const listed = await api.GET("/api/v1/processes");
if (listed.error) fail(listed.error);
const processes = listed.data.processes;
console.log(JSON.stringify({ step: "read", count: processes.length }));

const versions: number[] = [];
for (const process of processes.slice(0, 2)) {
  const changed = await api.PUT("/api/v1/processes/{id}", {
    params: { path: { id: process.id } },
    body: { name: process.name, comment: "Checked by MES" },
  });
  if (changed.error) fail(changed.error);
  // Under four-eyes approval a protected process's change is held as a change request (202) instead.
  if ("changeRequest" in changed.data) console.log(JSON.stringify({ step: "held", id: changed.data.changeRequest.id }));
  else versions.push(changed.data.version);
}
console.log(JSON.stringify({ step: "changed", versions }));

const bulk = await api.PUT("/api/v1/processes", {
  body: { processes: processes.slice(0, 10).map(({ id, name }) => ({ id, name, comment: `Batch ${id}` })) },
});
if (bulk.error) fail(bulk.error);
if ("changeRequest" in bulk.data) console.log(JSON.stringify({ step: "held", id: bulk.data.changeRequest.id }));
else console.log(JSON.stringify({ step: "bulk", count: bulk.data.processes.length }));
