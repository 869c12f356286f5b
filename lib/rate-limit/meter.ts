import "server-only";
import { isAppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume";

/** One point per 256 KB of body started (at least one per request): a large body costs what it weighs. */
export const BODY_BYTES_PER_POINT = 256 * 1024;

export const pointsForBody = (bytes: number) => Math.max(1, Math.ceil(bytes / BODY_BYTES_PER_POINT));

/**
 * The API limit as one request meets it: charges a caller's key and keeps the RateLimit headers of the
 * last charge, refusals included, for the answer to carry whatever it is.
 */
export class RateMeter {
  headers: Record<string, string> = {};
  private key: string | null = null;
  private charged = 0;

  async charge(key: string, points = 1): Promise<void> {
    this.key = key;
    this.charged += points;
    try {
      this.headers = await consumeRateLimit("api", key, points);
    } catch (error) {
      if (isAppError(error) && error.code === 6001) this.headers = error.headers;
      throw error;
    }
  }

  /**
   * Charges what a body read turned out to weigh beyond the points charged up front (a body sent without
   * Content-Length). The answer stands; a limit this exceeds refuses the caller's next request.
   */
  async chargeBodyRead(bytes: number): Promise<void> {
    const extra = pointsForBody(bytes) - this.charged;
    if (this.key === null || extra <= 0) return;
    await this.charge(this.key, extra).catch(() => undefined);
  }
}

// Bytes of body each request's handler read (lib/api/read-json.ts notes them), for chargeBodyRead.
const bodyBytes = new WeakMap<Request, number>();

export const noteBodyBytes = (request: Request, bytes: number) => bodyBytes.set(request, bytes);
export const bodyBytesRead = (request: Request) => bodyBytes.get(request) ?? 0;
