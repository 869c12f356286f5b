import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import durations from "./file-durations.json" with { type: "json" };

const seconds: Record<string, number> = durations.seconds;

/**
 * Runs the files that took longest first, by their seconds in file-durations.json (`npm run test:durations`
 * writes it), so that the workers finish together. Without timings Vitest runs larger files first, and on a
 * clean clone the security suite (45 lines, its cases in test/security/, two minutes) started near the end and
 * ran alone while the other worker had nothing left. A file not in the list (new) runs first, as Vitest runs
 * unknown files first.
 */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (file: TestSpecification) =>
      seconds[path.relative(root, file.moduleId).split(path.sep).join("/")] ?? Number.POSITIVE_INFINITY;
    return [...files].sort((a, b) => weight(b) - weight(a));
  }
}
