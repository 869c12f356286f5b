import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { changeRequestKeys, refreshChangeRequests } from "./change-requests";

// A page's first read of the pending requests is still in flight when its own save comes back held (202): the
// read was answered before the request existed. React Query hands an invalidation during a first fetch that
// fetch's promise, so only a refresh that cancels it first reads the list again.

const refreshes = [
  { how: "refreshChangeRequests", refresh: refreshChangeRequests, reads: 2, shown: ["the held request"] },
  {
    how: "invalidateQueries alone (the defect)",
    refresh: (client: QueryClient) => client.invalidateQueries({ queryKey: changeRequestKeys.all }),
    reads: 1,
    shown: [],
  },
];

describe("refreshing the change requests while the first read is in flight", () => {
  it.each(refreshes)("$how: $reads read(s), then shows $shown", async ({ refresh, reads, shown }) => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const answers: ((list: string[]) => void)[] = [];
    const observer = new QueryObserver(client, {
      queryKey: changeRequestKeys.list("pending"),
      queryFn: () => new Promise<string[]>((resolve) => answers.push(resolve)),
    });
    const unsubscribe = observer.subscribe(() => {});
    await vi.waitFor(() => expect(answers).toHaveLength(1));

    const refreshed = refresh(client);
    // The first read answers as the database was before the save.
    answers[0]!([]);
    if (reads === 2) {
      await vi.waitFor(() => expect(answers).toHaveLength(2));
      answers[1]!(["the held request"]);
    }
    await refreshed;

    expect(answers).toHaveLength(reads);
    expect(client.getQueryData(changeRequestKeys.list("pending"))).toEqual(shown);
    unsubscribe();
    client.clear();
  });
});
