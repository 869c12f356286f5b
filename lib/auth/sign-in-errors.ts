// The error names the sign-in providers (lib/auth/auth-options.ts, lib/auth/ldap/ldap-provider.ts) give
// next-auth, and the sign-in form reads back: one list, client-safe (no server imports).

/** Sign-in refusals all read the same: nothing tells whether the email exists (next-auth's own name). */
export const SIGN_IN_REFUSED = "CredentialsSignin";
export const SIGN_IN_LIMITED = "TooManyAttempts";
/** The instance is hashing all it may: not a wrong password, try again in a moment. */
export const SIGN_IN_BUSY = "SignInBusy";
export const DIRECTORY_UNREACHABLE = "DirectoryUnreachable";
/** A correct initial password: `PasswordChangeRequired:<link secret>`, the page goes to /set-password#<secret>. */
export const PASSWORD_CHANGE_REQUIRED = "PasswordChangeRequired";
