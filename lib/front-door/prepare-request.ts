import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/lib/net/client-address";
import type { IpRanges } from "@/lib/net/ip";
import {
  FRONT_DOOR_ANSWER_HEADER,
  FRONT_DOOR_ANSWER_PATH,
  frontDoorAnswerFor,
  encodeFrontDoorAnswer,
  originForm,
} from "@/lib/front-door/front-door-answer";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/front-door/request-id";

/** Headers only a proxy in front of the app may set; from anyone else they are removed. */
const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
];

/** Headers the server sets for the app; any value a client sent is removed first. */
const PRIVATE_HEADERS = [CLIENT_ADDRESS_HEADER, FRONT_DOOR_ANSWER_HEADER];

// One year; not includeSubDomains, since other plant hosts under the same domain may still be plain HTTP.
export const HSTS_VALUE = "max-age=31536000";

export type EdgeOptions = { trustedProxies: IpRanges; hsts: boolean };

/**
 * Everything the server does to a request before Next's handler sees it: the request id, the client's
 * address from the TCP peer (and listed proxies), forwarding headers only from listed proxies, the
 * headers every answer carries, and the front-door answers (unknown API path, unserved method, OPTIONS),
 * which are rewritten to the route that gives them.
 */
export function prepareRequest(req: IncomingMessage, res: ServerResponse, options: EdgeOptions): void {
  for (const name of PRIVATE_HEADERS) delete req.headers[name];
  const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = requestId;

  const peer = req.socket.remoteAddress;
  const fromProxy = peer !== undefined && options.trustedProxies.contains(peer);
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress({
    peer,
    forwardedFor: req.headers["x-forwarded-for"],
    trusted: options.trustedProxies,
  });
  // Next fills in the x-forwarded-* headers it lacks from the socket itself.
  if (!fromProxy) for (const name of FORWARDING_HEADERS) delete req.headers[name];

  res.setHeader("X-Request-Id", requestId);
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (options.hsts) res.setHeader("Strict-Transport-Security", HSTS_VALUE);

  const method = req.method ?? "GET";
  const target = originForm(req.url);
  const answer = frontDoorAnswerFor(method, target);
  if (!answer) {
    req.url = target;
    return;
  }
  req.headers[FRONT_DOOR_ANSWER_HEADER] = encodeFrontDoorAnswer(answer);
  req.url = FRONT_DOOR_ANSWER_PATH;
  // A method Next can route; the response keeps HEAD's no-body rule, fixed when it was created.
  req.method = method === "HEAD" ? "HEAD" : "GET";
}
