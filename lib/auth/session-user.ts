import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { roleSchema, type Role } from "@/lib/auth/roles";

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
