// Lint fixture: half of an import cycle (scripts/lint/boundaries.test.ts expects boundaries/no-cycle here).
import { b } from "./cycle-b";

export const a = () => b();
