// The request examples shown for each operation (`x-codeSamples`, rendered by the docs page): curl, and
// TypeScript with openapi-fetch over types generated from this document (README, "Integration guide").

type SampleInput = { method: string; path: string; isPublic: boolean; body?: unknown; pathId?: boolean };

const examplePath = (path: string) => path.replace("{id}", "7");

function curl({ method, path, isPublic, body }: SampleInput): string {
  const lines = [`curl -sS${method === "GET" ? "" : ` -X ${method}`} "$BASE_URL${examplePath(path)}"`];
  if (!isPublic) lines.push(`  -H "Authorization: Bearer $API_TOKEN"`);
  if (body !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  --data '${JSON.stringify(body)}'`);
  }
  return lines.join(" \\\n");
}

function typescript({ method, path, isPublic, body, pathId }: SampleInput): string {
  const options = [
    ...(pathId ? ["params: { path: { id: 7 } }"] : []),
    ...(body !== undefined ? [`body: ${JSON.stringify(body, null, 2).replaceAll("\n", "\n  ")}`] : []),
  ];
  const call = `await api.${method}("${path}"${options.length ? `, {\n  ${options.join(",\n  ")},\n}` : ""});`;
  return [
    `import createClient from "openapi-fetch";`,
    `import type { paths } from "./plant-api"; // npx -p openapi-typescript@7.13.0 -p typescript@5.9.3 openapi-typescript "$BASE_URL/api/v1/openapi.json" -o plant-api.d.ts`,
    ``,
    isPublic
      ? `const api = createClient<paths>({ baseUrl: process.env.BASE_URL });`
      : `const api = createClient<paths>({\n  baseUrl: process.env.BASE_URL,\n  headers: { Authorization: \`Bearer \${process.env.API_TOKEN}\` },\n});`,
    `const { data, error, response } = ${call}`,
    `if (error) throw new Error(\`\${error.code ?? response.status}: \${error.title}: \${error.detail}\`);`,
    `console.log(data);`,
  ].join("\n");
}

export function codeSamples(input: SampleInput) {
  return [
    { lang: "Shell", label: "curl", source: curl(input) },
    { lang: "TypeScript", label: "TypeScript", source: typescript(input) },
  ];
}
