import "server-only";
import bcrypt from "bcryptjs";
import { compareInPool, hashInPool } from "@/lib/auth/hash-pool";

// bcrypt, cost 11: about 0.1–0.2 s per check here, slow enough against guessing, fast enough for sign-in.
// The work runs in lib/auth/hash-pool.ts's worker threads, bounded per instance.
const COST = 11;
// Compared against when the email is unknown, so both refusals take the same time.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password", COST);

export async function hashPassword(password: string): Promise<string> {
  return hashInPool(password, COST);
}

/** Rejects with HashPoolFull when the instance is already hashing all it may. */
export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const ok = await compareInPool(password, hash ?? DUMMY_HASH);
  return ok && hash !== undefined;
}
