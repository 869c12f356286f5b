import type { Role } from "@/lib/auth/roles";

// Who a request comes from, in a module of its own: the event streams' registry (lib/processes/open-streams.ts)
// needs the type, and lib/auth/caller.ts, which resolves it, reaches that registry through the sessions.
export type Caller =
  | { kind: "session"; sessionId: string; userId: number; email: string; role: Role }
  | { kind: "token"; tokenId: number; tokenName: string; role: Role };
