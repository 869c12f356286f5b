// Lint fixture: the other half of the type-only cycle.
import type { A } from "./type-cycle-a";

export type B = { previous?: A };
