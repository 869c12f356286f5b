import { describe, expect, it } from "vitest";
import type { Process } from "@/lib/validations/process";
import { planEventBatch } from "./event-batch";

const cached: Process = { id: 1, name: "Old", comment: "c", version: 2, createdAt: "c0", updatedAt: "u2" };
const known = new Map([[cached.id, cached]]);
const by = { type: "user", id: 7, name: "b@example.com" };

/** One event's data as the stream sends it; `kind` left out when undefined. */
const event = (id: number, version: number, name: string, kind?: string) => ({
  id,
  name,
  comment: "c",
  version,
  updatedAt: `u${version}`,
  changedBy: by,
  previous: null,
  requestId: null,
  ...(kind ? { kind } : {}),
});

const plan = (...batch: unknown[]) => {
  const { updated, deleted } = planEventBatch(batch, known);
  return {
    // lastChange is checked on its own below.
    updated: [...updated.values()].map(({ process: { lastChange: _, ...process }, created, change }) => ({
      ...process,
      created,
      by: change.by,
    })),
    deleted: [...deleted.keys()],
  };
};

describe("planEventBatch", () => {
  it.each([
    {
      name: "an update of a known process: its new version, by whom",
      batch: [event(1, 3, "New", "updated")],
      expected: {
        updated: [{ ...cached, name: "New", version: 3, updatedAt: "u3", created: false, by: by.name }],
        deleted: [],
      },
    },
    {
      name: "no kind reads as an update",
      batch: [event(1, 3, "New")],
      expected: {
        updated: [{ ...cached, name: "New", version: 3, updatedAt: "u3", created: false, by: by.name }],
        deleted: [],
      },
    },
    {
      name: "a version the page already has (its own save's echo) is skipped",
      batch: [event(1, 2, "Echo", "updated")],
      expected: { updated: [], deleted: [] },
    },
    {
      name: "several updates of one process: the last wins",
      batch: [event(1, 3, "A"), event(1, 4, "B")],
      expected: {
        updated: [{ ...cached, name: "B", version: 4, updatedAt: "u4", created: false, by: by.name }],
        deleted: [],
      },
    },
    {
      name: "a created process is added, marked as created",
      batch: [event(9, 1, "Fresh", "created")],
      expected: {
        updated: [
          {
            id: 9,
            name: "Fresh",
            comment: "c",
            version: 1,
            createdAt: "u1",
            updatedAt: "u1",
            created: true,
            by: by.name,
          },
        ],
        deleted: [],
      },
    },
    {
      name: "a deleted process is removed, even after an update in the same batch",
      batch: [event(1, 3, "A"), event(1, 4, "A", "deleted")],
      expected: { updated: [], deleted: [1] },
    },
    {
      name: "deleting a process the page never had changes nothing",
      batch: [event(5, 2, "X", "deleted")],
      expected: { updated: [], deleted: [] },
    },
    {
      name: "unreadable data is skipped",
      batch: [{ id: "x" }, null, event(1, 3, "Ok")],
      expected: {
        updated: [{ ...cached, name: "Ok", version: 3, updatedAt: "u3", created: false, by: by.name }],
        deleted: [],
      },
    },
  ])("$name", ({ batch, expected }) => {
    expect(plan(...batch)).toEqual(expected);
  });

  it("gives each updated process its last change (when, who), for the last-changed column", () => {
    const { updated } = planEventBatch([event(1, 3, "New")], known);
    expect(updated.get(1)?.process.lastChange).toEqual({ changedAt: "u3", changedBy: by });
  });
});
