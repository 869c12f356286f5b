import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { roleSchema, type Role } from "@/lib/auth/roles";
import { authSecret } from "@/lib/auth/secret";
import { sessionCookieName } from "@/lib/auth/session-cookie";

/** The signed-in person, as pages see them (the session cookie carries the user id as a string). */
export type SessionUser = { id: number; email: string; role: Role };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; email?: string | null; role?: string } | undefined;
  const role = roleSchema.safeParse(user?.role);
  if (!user?.id || !user.email || !role.success) return null;
  return { id: Number(user.id), email: user.email, role: role.data };
}

/** The signed-in user, or a redirect to sign-in that comes back to `path`. */
export async function requireUser(path: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}

/** The session row this page request came with (the account page marks it), or null. */
export async function currentSessionId(): Promise<string | null> {
  const jar = await cookies();
  // getToken reads the cookie from any object with a cookies map; a page has no NextRequest.
  const req = { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} };
  const jwt = await getToken({ req: req as never, secret: authSecret, cookieName: sessionCookieName });
  return jwt?.sid ?? null;
}
