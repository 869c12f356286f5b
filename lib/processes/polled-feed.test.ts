import { describe, expect, it } from "vitest";
import { createPolledFeed } from "@/lib/processes/polled-feed";

const decode = (frame: Uint8Array) => new TextDecoder().decode(frame);
const settle = () => new Promise((r) => setTimeout(r, 10));

/** A feed whose reads return the queued answers in turn (the last one again once they run out). */
function feedOf(answers: (string | null | Error)[]) {
  let reads = 0;
  const feed = createPolledFeed({
    event: "test",
    tickMs: 60_000,
    failure: "test read failed",
    read: async () => {
      const answer = answers[Math.min(reads++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { feed, reads: () => reads };
}

describe("a polled feed", () => {
  it("reads at the first subscription and sends the summary as one frame without an id", async () => {
    const { feed, reads } = feedOf(['{"n":1}']);
    const got: string[] = [];
    const stop = feed.subscribe((f) => got.push(decode(f)));
    await settle();
    expect(reads()).toBe(1);
    expect(got).toEqual(['event: test\ndata: {"n":1}\n\n']);
    stop();
  });

  it.each([
    ["the same summary again", ['{"n":1}', '{"n":1}'], 1],
    ["nothing to say (null)", ['{"n":1}', null], 1],
    ["a read that fails", ['{"n":1}', new Error("database down")], 1],
    ["a changed summary", ['{"n":1}', '{"n":2}'], 2],
  ])("after %s, a wake leaves the listener the frames it should hold", async (_, answers, frames) => {
    const { feed } = feedOf(answers);
    const got: string[] = [];
    const stop = feed.subscribe((f) => got.push(decode(f)));
    await settle();
    feed.wake();
    await settle();
    expect(got.length).toBe(frames);
    stop();
  });

  it("a later subscriber gets the last frame at once; after the last leaves, the feed forgets it", async () => {
    const { feed, reads } = feedOf(['{"n":1}']);
    const first: string[] = [];
    const stopFirst = feed.subscribe((f) => first.push(decode(f)));
    await settle();
    const second: string[] = [];
    const stopSecond = feed.subscribe((f) => second.push(decode(f)));
    expect(second).toEqual(first);
    expect(reads()).toBe(1);
    expect(feed.listenerCount()).toBe(2);
    stopFirst();
    stopSecond();
    expect(feed.listenerCount()).toBe(0);
    feed.wake();
    await settle();
    expect(reads()).toBe(1);
    // A new subscriber after idle is sent the summary again, though it did not change.
    const third: string[] = [];
    const stopThird = feed.subscribe((f) => third.push(decode(f)));
    await settle();
    expect(third).toEqual(first);
    stopThird();
  });
});
