import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeContext } from "@/lib/processes/actor";
import { openDataLayer, type DataLayer } from "@/test/support/data-layer";
import { runOutside } from "@/test/support/outside-sql";
import { PROVIDERS } from "@/test/support/test-database";

// History pruning and webhooks: the history is the subscriptions' outbox, so a prune keeps every change after
// the lowest cursor (not yet queued), however old, and removes the older ones as before.

const load = async () => ({
  ...(await import("@/lib/processes/create-processes")),
  ...(await import("@/lib/processes/update-processes")),
  ...(await import("@/lib/processes/prune-history")),
});

const USER: ChangeContext = { actor: { type: "user", id: 7, name: "op@plant.example" }, requestId: "req-1" };
const tomorrow = () => new Date(Date.now() + 24 * 60 * 60 * 1000);

describe.each(PROVIDERS)("history:prune beside webhooks on $provider", ({ provider, options }) => {
  let dl: DataLayer<Awaited<ReturnType<typeof load>>>;
  const ids = async () =>
    (await runOutside(dl.database.url, [["SELECT id FROM process_changes ORDER BY id", []]]))[0]!.map((r) =>
      Number(r.id),
    );
  const rename = (round: number) =>
    dl.updateProcesses({
      processes: Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `P${i + 1} r${round}`, comment: "" })),
      context: USER,
    });

  beforeAll(async () => {
    if (options.skip) return;
    dl = await openDataLayer(provider, load);
    await dl.createProcesses({ processes: Array.from({ length: 5 }, (_, i) => ({ name: `P${i + 1}`, comment: "" })) });
    for (let round = 1; round <= 3; round++) await rename(round);
  });

  afterAll(async () => {
    await dl?.close();
  });

  it("keeps the changes a subscription has yet to queue, then prunes them once it has", options, async () => {
    const before = await ids();
    const cursor = before[7]!; // the subscription has queued up to its eighth change
    await runOutside(dl.database.url, [
      [
        'INSERT INTO webhooks (url, kinds, secret, "createdAt", cursor) VALUES ($1, $2, $3, $4, $5)',
        ["https://mes.plant.example/hook", "created,updated,deleted", "x", new Date().toISOString(), cursor],
      ],
    ]);
    for (let round = 4; round <= 5; round++) await rename(round);
    const all = await ids();

    const first = await dl.pruneHistory({ olderThanDays: 0, now: tomorrow() });
    const left = await ids();
    // Removed: only changes at or below the cursor; every later one is there, the newest of each process too.
    expect(first.deleted).toBeGreaterThan(0);
    expect(all.filter((id) => !left.includes(id)).every((id) => id <= cursor)).toBe(true);
    expect(left.filter((id) => id > cursor)).toEqual(all.filter((id) => id > cursor));

    // Queued everything: the next prune may take the rest (each process's newest change stays).
    await runOutside(dl.database.url, [["UPDATE webhooks SET cursor = $1", [all.at(-1)!]]]);
    const second = await dl.pruneHistory({ olderThanDays: 0, now: tomorrow() });
    expect(second.deleted).toBeGreaterThan(0);
    expect((await ids()).filter((id) => id > cursor).length).toBeLessThan(all.filter((id) => id > cursor).length);
  });
});
