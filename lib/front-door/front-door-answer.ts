import { z } from "zod";
import { allowedMethods } from "@/lib/api/routes";

// What the server answers before any route runs: unknown API paths (404), methods a path does not serve
// (405, TRACE and CONNECT included, which Next cannot even represent), and OPTIONS (204). The server
// (server.ts) decides; the route at FRONT_DOOR_ANSWER_PATH answers, so that these answers are rate-limited,
// logged and shaped like every other API answer.

export const FRONT_DOOR_ANSWER_PATH = "/api/front-door";
/** Carries the decision to that route; the server removes any value a client sent. */
export const FRONT_DOOR_ANSWER_HEADER = "x-front-door-answer";

const frontDoorAnswerSchema = z.object({
  status: z.union([z.literal(204), z.literal(404), z.literal(405)]),
  method: z.string(),
  path: z.string(),
  allow: z.string().nullable(),
});

export type FrontDoorAnswer = z.infer<typeof frontDoorAnswerSchema>;

/** The methods Next's routes can be called with; anything else never reaches Next. */
const NEXT_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

const isAuthPath = (path: string) => path === "/api/auth" || path.startsWith("/api/auth/");

/** The methods a path serves (HEAD and OPTIONS aside); null when it is an unknown API path. */
function servedMethods(path: string): string[] | null {
  // next-auth's paths, but for our own routes under /api/auth (the route table's, such as back-channel logout).
  if (isAuthPath(path)) return allowedMethods(path).length > 0 ? allowedMethods(path) : ["GET", "POST"];
  if (path === "/api" || path.startsWith("/api/")) {
    const methods = allowedMethods(path);
    return methods.length > 0 ? methods : null;
  }
  return ["GET"]; // pages and static files
}

/**
 * The request target in origin form ("/path?query"): an absolute-form target loses its authority (the app
 * never routes by a host a client names); "*" and CONNECT's "host:port" stand for the server itself, "/".
 */
export function originForm(target: string | undefined): string {
  if (target?.startsWith("/")) return target;
  try {
    const url = new URL(target ?? "");
    if (url.protocol === "http:" || url.protocol === "https:") return `${url.pathname}${url.search}`;
  } catch {
    // not a URL
  }
  return "/";
}

export function frontDoorAnswerFor(method: string, target: string): FrontDoorAnswer | null {
  const path = target.split("?", 1)[0] ?? "/";
  // Next's own development endpoints (error overlay) exist only under `npm run dev`.
  if (path.startsWith("/__nextjs") && NEXT_METHODS.has(method)) return null;
  const served = servedMethods(path);
  if (served === null) return { status: 404, method, path, allow: null };
  // next-auth answers HEAD 400 in plain text; its GETs set cookies, so HEAD there is 405 in the envelope.
  const head = served.includes("GET") && !isAuthPath(path);
  const allow = [...served, ...(head ? ["HEAD"] : []), "OPTIONS"];
  if (method === "OPTIONS") return { status: 204, method, path, allow: allow.join(", ") };
  if (allow.includes(method) && NEXT_METHODS.has(method)) return null;
  return { status: 405, method, path, allow: allow.join(", ") };
}

// URI-encoded so that any byte of the request line stays a valid header value.
export const encodeFrontDoorAnswer = (answer: FrontDoorAnswer) => encodeURIComponent(JSON.stringify(answer));

export function decodeFrontDoorAnswer(value: string | null): FrontDoorAnswer | null {
  if (!value) return null;
  try {
    const parsed = frontDoorAnswerSchema.safeParse(JSON.parse(decodeURIComponent(value)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
