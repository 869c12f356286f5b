import { HTTP_TITLES, type HttpOnlyStatus } from "@/lib/api/problem";
import { API_ROUTES, SESSION_ONLY, type RouteKey } from "@/lib/api/routes";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { headerComponents, type HeaderName, responseHeaders } from "@/lib/openapi/headers";
import { OPERATIONS, type OperationSpec } from "@/lib/openapi/operations";
import { overview } from "@/lib/openapi/overview";
import { problemExample, problemName, problemSchemas, statusesOf } from "@/lib/openapi/problems";
import { codeSamples } from "@/lib/openapi/samples";
import { componentSchemas, schemaRef, toJsonSchema } from "@/lib/openapi/schemas";
import { EXAMPLE_PROCESS } from "@/lib/openapi/annotations";
import { ID_PARAM_MESSAGE, idSchema } from "@/lib/validations/id";

// The published OpenAPI 3.1 document (GET /api/v1/openapi.json), assembled from the route table, the zod
// schemas (lib/openapi/schemas.ts), the error table and the operation notes (lib/openapi/operations.ts).

type FieldError = { pointer: string; detail: string };
type Refusal = {
  code: ErrorCode | HttpOnlyStatus;
  status: number;
  detail: string;
  errors?: FieldError[];
  current?: unknown;
  bulk?: boolean;
};

const CREDENTIAL_REFUSALS: Refusal[] = [
  { code: 2004, status: 401, detail: "No access token or session was sent" },
  { code: 2002, status: 401, detail: "The access token expired at 2026-11-28T07:30:00.000Z" },
  { code: 3001, status: 403, detail: "The role User may not PUT this resource" },
  { code: 6001, status: 429, detail: "Limit of 600 per 60 s reached; retry after 12 s" },
  { code: 1006, status: 503, detail: "The database did not answer; try again shortly." },
];
/** A body refusal as the server words it: `<pointer>: <detail>`, with the pointer in `errors`. */
const bodyRefusal = (pointer: string): Refusal => ({
  code: 1001,
  status: 400,
  detail: `${pointer}: must not be empty`,
  errors: [{ pointer, detail: "must not be empty" }],
});
const whole = (detail: string, status: number): Refusal => ({
  code: 1001,
  status,
  detail,
  errors: [{ pointer: "", detail }],
});
/** The pointer of the example refusal of each body (the first member a client is likely to get wrong). */
const BODY_POINTERS: Partial<Record<RouteKey, string>> = {
  "PUT /api/v1/processes": "/processes/3/name",
  "PUT /api/v1/account/password": "/currentPassword",
  "PATCH /api/v1/account": "/locale",
};
const BODY_REFUSALS = (key: RouteKey): Refusal[] => [
  bodyRefusal(BODY_POINTERS[key] ?? "/name"),
  whole("Request body exceeds the limit of 8388608 bytes", 413),
  whole("Content-Type application/json is required", 415),
];
const PATH_ID_REFUSAL: Refusal = {
  code: 1001,
  status: 400,
  detail: `The id in the path ${ID_PARAM_MESSAGE}`,
  errors: [{ pointer: "/path/id", detail: ID_PARAM_MESSAGE }],
};
const STALE_ONE = { ...EXAMPLE_PROCESS, version: 4, comment: "Changed meanwhile" };
/** 1007 as each operation answers it, with the members the server sends. */
const CONFLICTS: Record<string, Refusal> = {
  single409: {
    code: 1007,
    status: 409,
    detail: "Process 7 is at version 4; nothing was saved",
    errors: [{ pointer: "/version", detail: "is 4 now" }],
    current: STALE_ONE,
  },
  single412: {
    code: 1007,
    status: 412,
    detail: "Process 7 is at version 4, not the one If-Match names; nothing was saved",
    current: STALE_ONE,
  },
  bulk409: {
    code: 1007,
    status: 409,
    detail: "1 of 2 processes have changed since read; nothing was saved",
    errors: [{ pointer: "/processes/0/version", detail: "process 7 is at version 4 now" }],
    current: [STALE_ONE],
    bulk: true,
  },
};

/** The `data` schema of each event of a `text/event-stream` answer (OpenAPI 3.1 has no word for it). */
const EVENT_SCHEMAS = { process: schemaRef("ProcessEvent"), reset: schemaRef("ResetEvent") };

function refusalsOf(key: RouteKey, spec: OperationSpec): Refusal[] {
  const list: Refusal[] = [];
  if (API_ROUTES[key] !== "public") list.push(...CREDENTIAL_REFUSALS);
  if (spec.body) list.push(...BODY_REFUSALS(key));
  else if (key.includes("{id}")) list.push(PATH_ID_REFUSAL);
  for (const entry of spec.errors ?? []) {
    const [code, only, variant] = Array.isArray(entry) ? entry : [entry, undefined, undefined];
    const statuses = only === undefined ? statusesOf(code) : [only];
    for (const status of statuses) {
      if (code === 1007) list.push(variant === "bulk" ? CONFLICTS.bulk409! : CONFLICTS[`single${status}`]!);
      else list.push({ code, status, detail: `${ERROR_CODES[code].title} (example)` });
    }
  }
  for (const status of spec.httpErrors ?? []) list.push({ code: status, status, detail: "(example)" });
  list.push({ code: 500, status: 500, detail: "An unexpected error occurred." });
  // One entry per code and status (a body route with a path id lists 1001/400 once).
  return list.filter((r, i) => list.findIndex((o) => o.code === r.code && o.status === r.status) === i);
}

function headersFor(isPublic: boolean, status: number): ReturnType<typeof responseHeaders> {
  const required: HeaderName[] = ["X-Request-Id"];
  const optional: HeaderName[] = [];
  // The limit is counted before the handler runs, so every answer has its headers unless the limit's own
  // store failed (a 5xx).
  if (!isPublic) (status >= 500 ? optional : required).push("RateLimit", "RateLimit-Policy");
  if (status === 429 || status === 503) required.push("Retry-After");
  if (status === 401) required.push("WWW-Authenticate");
  return responseHeaders(required, optional);
}

function responsesOf(key: RouteKey, spec: OperationSpec) {
  const isPublic = API_ROUTES[key] === "public";
  const responses: Record<string, unknown> = {};
  for (const answer of spec.answers) {
    const headers = { ...headersFor(isPublic, answer.status), ...responseHeaders(answer.headers ?? []) };
    const mediaType = answer.mediaType ?? "application/json";
    const stream = mediaType === "text/event-stream";
    const text = stream || mediaType === "text/csv" || mediaType === "text/html";
    const schema = answer.schema
      ? schemaRef(answer.schema)
      : answer.status === 304
        ? undefined
        : { type: text ? "string" : "object" };
    const media = {
      schema,
      ...(answer.example !== undefined ? { example: answer.example } : {}),
      ...(stream ? { "x-events": EVENT_SCHEMAS } : {}),
    };
    responses[answer.status] = {
      description: answer.description,
      headers,
      ...(schema ? { content: { [mediaType]: media } } : {}),
    };
  }
  const byStatus = new Map<number, Refusal[]>();
  for (const r of refusalsOf(key, spec)) byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r]);
  for (const [status, refusals] of byStatus) {
    const refs = refusals.map((r) => ({ $ref: `#/components/schemas/${problemName(r.code, r.bulk)}` }));
    const examples = Object.fromEntries(
      refusals.map((r) => [
        String(r.code),
        { value: problemExample(r.code, status, r.detail, { errors: r.errors, current: r.current }) },
      ]),
    );
    responses[status] = {
      description: refusals
        .map((r) =>
          r.code in ERROR_CODES
            ? `${r.code} ${ERROR_CODES[r.code as ErrorCode].title}`
            : HTTP_TITLES[r.code as HttpOnlyStatus],
        )
        .join("; "),
      headers: headersFor(isPublic, status),
      content: { "application/problem+json": { schema: refs.length === 1 ? refs[0] : { oneOf: refs }, examples } },
    };
  }
  return responses;
}

/** "PUT /api/v1/processes/{id}" → "putProcessesById" */
export function operationId(key: RouteKey): string {
  const [method, path] = key.split(" ") as [string, string];
  const words = path
    .replace(/^\/api\/(v1\/)?/, "")
    .split(/[/.]/)
    .map((w) => {
      const param = /^\{(\w+)\}$/.exec(w)?.[1];
      const word = param === "id" ? "" : (param ?? w);
      return (param ? "By" : "") + word.charAt(0).toUpperCase() + word.slice(1);
    });
  return method.toLowerCase() + words.join("");
}

function operationOf(key: RouteKey, spec: OperationSpec) {
  const [method, path] = key.split(" ") as [string, string];
  const roles = API_ROUTES[key];
  const isPublic = roles === "public";
  const pathId = path.includes("{id}");
  const who = isPublic ? "Public: no credentials needed." : `Roles: ${roles.join(", ")}.`;
  return {
    operationId: operationId(key),
    tags: [spec.tag],
    summary: spec.summary,
    description: [spec.description, who].filter(Boolean).join("\n\n"),
    // The account routes are about the signed-in person: a session only (a token is refused with 3001).
    security: isPublic ? [] : SESSION_ONLY.has(key) ? [{ cookie: [] }] : [{ bearer: [] }, { cookie: [] }],
    "x-roles": isPublic ? [] : roles,
    ...(spec.internal ? { "x-internal": true } : {}),
    parameters: [
      ...(pathId ? [{ $ref: "#/components/parameters/Id" }] : []),
      ...(spec.parameters ?? []).map((p) => ({ required: p.in === "path", ...p })),
    ],
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            description: "JSON (`Content-Type: application/json`); limits in the introduction.",
            content: { "application/json": { schema: schemaRef(spec.body.schema), example: spec.body.example } },
          },
        }
      : {}),
    responses: responsesOf(key, spec),
    "x-codeSamples": codeSamples({ method, path, isPublic, body: spec.body?.example, pathId }),
  };
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(API_ROUTES) as RouteKey[]) {
    // Internal routes (the benchmark's ceiling) are not the integrators' business: not published.
    if (OPERATIONS[key].internal) continue;
    const [method, path] = key.split(" ") as [string, string];
    (paths[path] ??= {})[method.toLowerCase()] = operationOf(key, OPERATIONS[key]);
  }
  return {
    openapi: "3.1.1",
    info: { title: "Plant processes API", version: "1", description: overview() },
    // The server that serves the document: paths are relative to its origin.
    servers: [{ url: "/", description: "This server (the origin the document was fetched from)" }],
    tags: [
      { name: "Processes", description: "The plant's production processes." },
      { name: "Tokens", description: "API tokens for plant systems (Super user)." },
      {
        name: "Webhooks",
        description:
          "Signed HTTP calls to plant systems for every change (Standard Webhooks), their deliveries (Super user).",
      },
      { name: "Account", description: "The signed-in person's own password, sessions and language (sessions only)." },
      {
        name: "Audit",
        description: "The security audit log: sign-ins, sessions, users, roles, passwords, tokens (Super user).",
      },
      { name: "Users", description: "People: users (Super user), the caller, one-time set-password links." },
      {
        name: "Change control",
        description: "Reasons for change, electronic signatures, protected processes (set by Super users).",
      },
      { name: "Service", description: "Error table, this document, health." },
    ],
    paths,
    components: {
      schemas: { ...componentSchemas(), ...problemSchemas() },
      headers: headerComponents(),
      parameters: {
        Id: {
          name: "id",
          in: "path",
          required: true,
          description: `Digits only, no sign, no leading zero. Anything else is 1001 with the pointer \`/path/id\` and the detail "${ID_PARAM_MESSAGE}", whatever was sent.`,
          schema: toJsonSchema(idSchema, "input"),
        },
      },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "ppt_…", description: "An API token." },
        cookie: {
          type: "apiKey",
          in: "cookie",
          name: sessionCookieName,
          description: "The settings page's session. Writes must also come from the application's origin.",
        },
      },
    },
  };
}
