import "server-only";
import { lockAuditOrder, recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { errorFields, logger } from "@/lib/logger";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";
import { sealTrail } from "@/lib/trail/seal-trail";
import { type TrailBreak, verifyTrail } from "@/lib/trail/verify-trail";
import type { Health } from "@/lib/validations/health";

// Each instance seals on a short schedule (rows the triggers wrote for outside writers, writes whose seal after
// the commit failed) and verifies the whole trail every TRAIL_VERIFY_INTERVAL_SECONDS. A break is reported in
// /api/health, logged, and recorded once in the security audit log, however many instances find it.
// docs/decisions/035.

const SEAL_EVERY_MS = 5_000;

type TrailHealth = NonNullable<Health["trail"]>;

// Next bundles the instrumentation (which runs the schedule) and each route apart: they share no module state, so
// the outcome and the started flag live on globalThis under a registered symbol.
const KEY = Symbol.for("plant-processes.trail");
type Shared = { [KEY]?: { state: TrailHealth; started: boolean } };
const shared = ((globalThis as Shared)[KEY] ??= {
  state: { status: "unchecked", checkedAt: null, break: null },
  started: false,
});

/** The trail as this instance last verified it, for /api/health. */
export function trailHealth(): TrailHealth {
  return shared.state;
}

/** Records a break in the security audit log unless an event for the same break is there (any instance's). */
async function recordBreakOnce(found: TrailBreak): Promise<void> {
  const detail = { chain: found.chain, id: found.id, problem: found.problem };
  await db.$transaction(async (tx) => {
    // PostgreSQL: two instances finding it at once queue here, and the second sees the first's event.
    await lockAuditOrder(tx);
    const known = await tx.auditEvent.findFirst({
      where: { action: "trail.broken", detail: JSON.stringify(detail) },
      select: { id: true },
    });
    if (!known) await recordAudit({ action: "trail.broken", actor: SYSTEM_ACTOR, detail }, tx);
  });
}

/** Seals what is waiting, verifies both chains, and reports the outcome. */
export async function checkTrail(): Promise<TrailHealth> {
  await sealTrail();
  const report = await verifyTrail();
  const checkedAt = new Date().toISOString();
  shared.state = report.ok
    ? { status: "intact", checkedAt, break: null }
    : { status: "broken", checkedAt, break: report.break };
  if (report.break) {
    logger.error("tamper-evident trail broken", { ...report.break });
    await recordBreakOnce(report.break);
  } else {
    // The heads in the log, which is kept apart from the database: an anchor against rewriting the whole chain.
    logger.info("trail verified", {
      heads: report.chains.map(({ chain, lastId, lastHash, sealed }) => ({ chain, lastId, lastHash, sealed })),
    });
  }
  return shared.state;
}

/** Starts the seal and verification schedules of this instance (server start). */
export function startTrailSchedule(): void {
  if (shared.started) return;
  shared.started = true;
  setInterval(() => {
    sealTrail().catch((error: unknown) => logger.warn("trail sealing failed", errorFields(error)));
  }, SEAL_EVERY_MS).unref();
  const every = env.TRAIL_VERIFY_INTERVAL_SECONDS * 1000;
  if (every === 0) return;
  const run = () => {
    checkTrail().catch((error: unknown) => logger.warn("trail verification failed", errorFields(error)));
  };
  setTimeout(run, Math.min(every, 10_000)).unref();
  setInterval(run, every).unref();
}
