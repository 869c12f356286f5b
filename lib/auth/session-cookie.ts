import { secureCookies } from "@/lib/env";

/** The session cookie's name: browsers accept the __Secure- prefix only on Secure cookies. */
export const sessionCookieName = secureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token";
