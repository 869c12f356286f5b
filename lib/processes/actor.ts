import "server-only";
import type { Caller } from "@/lib/auth/caller-type";

/** Who made a change, as history records it: a signed-in user, an API token, our own scripts, or unknown. */
export type Actor = { type: "user" | "token" | "system" | "unknown"; id: number | null; name: string | null };

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, name: "system" };

export function actorOf(caller: Caller): Actor {
  return caller.kind === "token"
    ? { type: "token", id: caller.tokenId, name: caller.tokenName }
    : { type: "user", id: caller.userId, name: caller.email };
}

/** An electronic signature's manifestation, as a history row keeps it (docs/decisions/032-change-control.md). */
export type SignatureRecord = {
  signerKind: "user" | "token";
  signerId: number;
  signerName: string;
  signedAt: Date;
  timeZone: string;
  meaning: string;
};

/** What a change carries into history besides its values (and each item's reason). */
export type ChangeContext = { actor: Actor; requestId: string | null; signature?: SignatureRecord | null };
