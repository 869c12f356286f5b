// GET /api/edge – internal: what the server (server.ts) decided before any route: 404 for an unknown API
// path, 405 with Allow for a method the path does not serve (TRACE and CONNECT too), 204 for OPTIONS
import { answerAtEdge } from "@/lib/api/edge-route";

export const GET = answerAtEdge;
