// Lint fixture: half of a cycle made of type imports only (scripts/lint/boundaries.test.ts expects
// boundaries/no-cycle here: import-x/no-cycle alone skips `import type`).
import type { B } from "./type-cycle-b";

export type A = { next?: B };
