import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { Process } from "@/lib/validations/process";
import { applyProcessChanges, processKeys } from "./processes";

const p = (id: number, version: number, name = `P${id}`): Process => ({
  id,
  name,
  comment: "",
  version,
  createdAt: "c",
  updatedAt: `u${version}`,
});

function cached(list: Process[]) {
  const client = new QueryClient();
  client.setQueryData(processKeys.list(), list);
  return { client, list: () => client.getQueryData<Process[]>(processKeys.list()) };
}

describe("applyProcessChanges: the event stream into the cached list", () => {
  it.each([
    {
      name: "a newer version replaces its row in place",
      upserts: [p(2, 3, "new")],
      deleted: [],
      expected: [p(1, 1), p(2, 3, "new"), p(3, 1)],
    },
    {
      name: "an equal or older version (this page's own save, a replay) changes nothing",
      upserts: [p(2, 2, "echo"), p(3, 1, "same")],
      deleted: [],
      expected: [p(1, 1), p(2, 2), p(3, 1)],
    },
    {
      name: "a new id is added in id order",
      upserts: [p(0, 1), p(9, 1)],
      deleted: [],
      expected: [p(0, 1), p(1, 1), p(2, 2), p(3, 1), p(9, 1)],
    },
    { name: "a deleted id is removed", upserts: [], deleted: [2], expected: [p(1, 1), p(3, 1)] },
    {
      name: "an unknown deleted id changes nothing",
      upserts: [],
      deleted: [42],
      expected: [p(1, 1), p(2, 2), p(3, 1)],
    },
  ])("$name", ({ upserts, deleted, expected }) => {
    const { client, list } = cached([p(1, 1), p(2, 2), p(3, 1)]);
    applyProcessChanges(client, { upserts, deleted });
    expect(list()).toEqual(expected);
  });

  it("keeps the list's identity when nothing changed, and untouched rows' identity when something did", () => {
    const start = [p(1, 1), p(2, 2), p(3, 1)];
    const { client, list } = cached(start);
    applyProcessChanges(client, { upserts: [p(2, 2)], deleted: [] });
    expect(list()).toBe(start);
    applyProcessChanges(client, { upserts: [p(2, 5)], deleted: [] });
    expect(list()).not.toBe(start);
    expect(list()?.[0]).toBe(start[0]);
    expect(list()?.[2]).toBe(start[2]);
  });
});
