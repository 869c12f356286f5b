import "server-only";
import type { NextRequest } from "next/server";
import { httpProblem, problemResponse } from "@/lib/api/problem";
import { addressKey, serveApi } from "@/lib/api/serve-api";
import {
  decodeFrontDoorAnswer,
  FRONT_DOOR_ANSWER_HEADER,
  type FrontDoorAnswer,
} from "@/lib/front-door/front-door-answer";

function answerWith(answer: FrontDoorAnswer, requestId: string): Response {
  const allow = answer.allow ? { Allow: answer.allow } : undefined;
  if (answer.status === 204) return new Response(null, { status: 204, headers: allow });
  if (answer.status === 404) return problemResponse(httpProblem(404, `No API resource at ${answer.path}`, requestId));
  const detail = `${answer.method} is not allowed on ${answer.path}; allowed: ${answer.allow}`;
  return problemResponse(httpProblem(405, detail, requestId), allow);
}

/**
 * The route that gives the answers the server decided before Next (lib/front-door/front-door-answer.ts): charged
 * per address like an unauthenticated request, logged with the method and path the client sent.
 */
export async function answerFromFrontDoor(request: NextRequest): Promise<Response> {
  // Only the server sets the header (it removes a client's); without it, the path itself was asked for.
  const answer = decodeFrontDoorAnswer(request.headers.get(FRONT_DOOR_ANSWER_HEADER)) ?? {
    status: 404,
    method: request.method,
    path: request.nextUrl.pathname,
    allow: null,
  };
  const label = { route: `front-door ${answer.status}`, method: answer.method, path: answer.path };
  return serveApi(request, label, async ({ requestId, meter }) => {
    await meter.charge(addressKey(request));
    return answerWith(answer, requestId);
  });
}
