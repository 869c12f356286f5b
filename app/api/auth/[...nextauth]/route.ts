// GET|POST /api/auth/* – next-auth: sign-in (credentials, OIDC), sign-out, session, CSRF
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { withSafeCallbacks } from "@/lib/auth/next-auth-route";
import { withProviderSignOut } from "@/lib/auth/oidc/sign-out";
import { withSignInRequest } from "@/lib/auth/sign-in-request";

const handler = withSafeCallbacks(withProviderSignOut(withSignInRequest(NextAuth(authOptions))));

export { handler as GET, handler as POST };
