// GET /api/front-door – internal: what the server (server.ts) decided before any route: 404 for an unknown API
// path, 405 with Allow for a method the path does not serve (TRACE and CONNECT too), 204 for OPTIONS
import { answerFromFrontDoor } from "@/lib/api/front-door-route";

export const GET = answerFromFrontDoor;
