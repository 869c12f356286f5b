import "server-only";
import { compareInPool, hashInPool } from "@/lib/auth/hash-pool";

// bcrypt, cost 11: about 0.1–0.2 s per check here, slow enough against guessing, fast enough for sign-in.
// The work runs in lib/auth/hash-pool.ts's worker threads, bounded per instance.
export const COST = 11;
// Compared against when the email is unknown, so both refusals take the same time. Precomputed (of
// "not-a-real-password", at COST; password.test.ts checks both): hashing it at import cost every server start and
// every CLI run 0.3 s of CPU.
export const DUMMY_HASH = "$2b$11$LuTwULyJo2DbUqvZEzHAFeSSkLLaYcnkzuuyabnNvfnRD1bEggNZy";

export async function hashPassword(password: string): Promise<string> {
  return hashInPool(password, COST);
}

/** Rejects with HashPoolFull when the instance is already hashing all it may. */
export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const ok = await compareInPool(password, hash ?? DUMMY_HASH);
  return ok && hash !== undefined;
}
