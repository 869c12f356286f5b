import "server-only";
import bcrypt from "bcryptjs";

// bcrypt, cost 11: about 0.1–0.2 s per check here, slow enough against guessing, fast enough for sign-in.
const COST = 11;
// Compared against when the email is unknown, so both refusals take the same time.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password", COST);

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && hash !== undefined;
}
