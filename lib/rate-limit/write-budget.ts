import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { limiter } from "@/lib/rate-limit/limiters";

// Beside the request rate, each caller may make writes store at most WRITE_BUDGET_BYTES_PER_HOUR (issue 18:
// one token within its rate could add 0.5 GB of history a minute). What a write stores is estimated before
// it runs, from what it carries, so a refused write writes nothing: each item's name and comment land in the
// process row and twice in its history row (new and previous values, about as long), plus a history row's
// fixed part (ids, version, times, actor, request id, index entries).
export const HISTORY_ROW_OVERHEAD_BYTES = 160;

function storedBytesOf(items: readonly { name: string; comment: string }[]): number {
  let bytes = 0;
  for (const { name, comment } of items)
    bytes += 3 * (Buffer.byteLength(name) + Buffer.byteLength(comment)) + HISTORY_ROW_OVERHEAD_BYTES;
  return bytes;
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 0)} MB`;

/** Charges a write's bytes to the caller's hourly budget; 6001 with Retry-After (and nothing charged) when spent. */
async function chargeWriteBudget(callerKey: string, bytes: number): Promise<void> {
  const budget = await limiter("write-bytes");
  try {
    await budget.consume(callerKey, bytes);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    // The refused write stores nothing: give its bytes back, so that a smaller one may still fit.
    await budget.reward(callerKey, bytes).catch(() => undefined);
    const retryAfter = String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    const left = Math.max(0, env.WRITE_BUDGET_BYTES_PER_HOUR - (rejection.consumedPoints - bytes));
    throw new AppError(
      6001,
      `Write budget spent: this write would store about ${mb(bytes)}, and ${mb(left)} of the ` +
        `${mb(env.WRITE_BUDGET_BYTES_PER_HOUR)} allowed per hour are left; retry after ${retryAfter} s`,
      { headers: { "Retry-After": retryAfter } },
    );
  }
}

/**
 * Runs a write against the caller's budget: its bytes are charged first (6001, nothing written, when spent)
 * and what it did not store is given back after: all of it when the write is refused, the unchanged items'
 * share when some equalled the stored values. When the charge is refused, `differing` (a read) tells what the
 * write would really store: a re-sync stores nothing and passes however spent the budget is.
 */
export async function spendWriteBudget<T, I extends { name: string; comment: string }>(options: {
  callerKey: string;
  items: readonly I[];
  differing: () => Promise<readonly I[]>;
  write: () => Promise<T>;
  changedOf: (result: T) => number;
}): Promise<T> {
  const { callerKey, items, write, changedOf } = options;
  let charged = storedBytesOf(items);
  let exact = false;
  try {
    await chargeWriteBudget(callerKey, charged);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 6001) throw error;
    const differing = await options.differing();
    if (differing.length >= items.length) throw error;
    charged = storedBytesOf(differing);
    exact = true;
    if (charged > 0) await chargeWriteBudget(callerKey, charged);
  }
  let unused = charged;
  try {
    const result = await write();
    const share = Math.ceil((charged * Math.min(changedOf(result), items.length)) / items.length);
    unused = exact ? 0 : charged - share;
    return result;
  } finally {
    if (unused > 0) await (await limiter("write-bytes")).reward(callerKey, unused).catch(() => undefined);
  }
}
