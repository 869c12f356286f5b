// GET|POST /api/auth/* – next-auth: sign-in (credentials), sign-out, session, CSRF
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { withSafeCallbacks } from "@/lib/auth/next-auth-route";
import { withSignInRequest } from "@/lib/auth/sign-in-request";

const handler = withSafeCallbacks(withSignInRequest(NextAuth(authOptions)));

export { handler as GET, handler as POST };
