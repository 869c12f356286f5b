import { describe, expect, it } from "vitest";
import type { TestSpecification, Vitest } from "vitest/node";
import durations from "./file-durations.json" with { type: "json" };
import LongestFirstSequencer from "./longest-first-sequencer";

const ROOT = "/repo";
const sequencer = new LongestFirstSequencer({ config: { root: ROOT } } as unknown as Vitest);
const spec = (file: string) => ({ moduleId: `${ROOT}/${file}` }) as TestSpecification;
const order = async (files: string[]) =>
  (await sequencer.sort(files.map(spec))).map((s) => s.moduleId.slice(ROOT.length + 1));

const known = Object.entries(durations.seconds).sort((a, b) => b[1] - a[1]);
const [longest, , middle] = known.map(([file]) => file);
const shortest = known.at(-1)![0];

describe("the longest-first order", () => {
  it.each([
    { files: [shortest, middle!, longest!], expected: [longest, middle, shortest] },
    { files: [middle!, "lib/new.contract.test.ts", longest!], expected: ["lib/new.contract.test.ts", longest, middle] },
    { files: [shortest], expected: [shortest] },
  ])("$files → $expected", async ({ files, expected }) => {
    expect(await order(files)).toEqual(expected);
  });

  it("the committed timings name files that exist", async () => {
    const { existsSync } = await import("node:fs");
    expect(known.map(([file]) => file).filter((file) => !existsSync(file))).toEqual([]);
  });
});
