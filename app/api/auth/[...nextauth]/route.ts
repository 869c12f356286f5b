// GET|POST /api/auth/* – next-auth: sign-in (credentials), sign-out, session, CSRF
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { withSafeCallbacks } from "@/lib/auth/next-auth-route";

const handler = withSafeCallbacks(NextAuth(authOptions));

export { handler as GET, handler as POST };
