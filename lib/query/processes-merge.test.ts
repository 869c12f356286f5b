import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { Process } from "@/lib/validations/process";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import { mergeChangedProcesses, mergeSavedProcesses, pendingSaveIds, processKeys } from "./processes";

const p = (id: number, version: number, updatedAt = "2026-11-29T10:00:00.000Z"): Process => ({
  id,
  name: `P${id}`,
  comment: "",
  version,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt,
});
const system = { type: "system", id: null, name: "system" } as const;
const me = { type: "user", id: 3, name: "op@plant.example" } as const;

function clientWith(list: ProcessListingItem[]): QueryClient {
  const client = new QueryClient();
  client.setQueryData(processKeys.list(), list);
  return client;
}
const listOf = (client: QueryClient) => client.getQueryData<ProcessListingItem[]>(processKeys.list())!;

describe("the cached list's last changes", () => {
  const old = { changedAt: "2026-11-01T00:00:00.000Z", changedBy: system };

  it("a save of this page is the signed-in user's change, at the saved updatedAt", () => {
    const client = clientWith([
      { ...p(1, 1), lastChange: old },
      { ...p(2, 1), lastChange: old },
    ]);
    client.setQueryData(processKeys.actor(), me);
    mergeSavedProcesses(client, [p(2, 2, "2026-11-29T12:00:00.000Z")]);
    const [one, two] = listOf(client);
    expect(one?.lastChange).toBe(old);
    expect(two).toMatchObject({ version: 2, lastChange: { changedAt: "2026-11-29T12:00:00.000Z", changedBy: me } });
  });

  it.each([
    ["a live change with its who", 3, { changedAt: "2026-11-29T13:00:00.000Z", changedBy: me }, 3],
    ["an older version than cached (ignored)", 1, { changedAt: "2026-11-29T13:00:00.000Z", changedBy: me }, 2],
  ])("%s", (_, version, lastChange, expectedVersion) => {
    const client = clientWith([{ ...p(1, 2), lastChange: old }]);
    mergeChangedProcesses(client, [{ process: p(1, version), lastChange }]);
    expect(listOf(client)[0]).toMatchObject({
      version: expectedVersion,
      lastChange: expectedVersion === version ? lastChange : old,
    });
  });

  it("a newer version without its change drops the old who (the cell shows updatedAt alone)", () => {
    const client = clientWith([{ ...p(1, 1), lastChange: old }]);
    mergeSavedProcesses(client, [p(1, 2)]);
    expect(listOf(client)[0]?.lastChange).toBeUndefined();
  });

  it("the same version without a who keeps the who a live event brought first", () => {
    const live = { changedAt: "2026-11-29T13:00:00.000Z", changedBy: me };
    const client = clientWith([{ ...p(1, 2), lastChange: live }]);
    mergeChangedProcesses(client, [{ process: p(1, 2) }]);
    expect(listOf(client)[0]?.lastChange).toBe(live);
  });
});

describe("pendingSaveIds", () => {
  it("collects the rows of one-row and bulk saves waiting for their answer, and nothing else", async () => {
    const client = new QueryClient();
    const never = () => new Promise<never>(() => {});
    const cache = client.getMutationCache();
    void cache.build(client, { mutationKey: [...processKeys.all, "save-one"], mutationFn: never }).execute({ id: 4 });
    void cache
      .build(client, { mutationKey: [...processKeys.all, "save-many"], mutationFn: never })
      .execute([{ id: 7 }, { id: 9 }]);
    void cache.build(client, { mutationKey: ["tokens", "create"], mutationFn: never }).execute({ id: 5 });
    await Promise.resolve();
    expect([...pendingSaveIds(client)].sort((a, b) => a - b)).toEqual([4, 7, 9]);
  });
});
