import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { OidcSignIn } from "@/components/auth/oidc-sign-in";
import { SignInForm } from "@/components/auth/sign-in-form";
import { directoryConfigured } from "@/lib/auth/ldap/directory";
import { localSignInOffered } from "@/lib/auth/local-sign-in";
import { oidcSettings } from "@/lib/auth/oidc/settings";
import { oidcSignInError } from "@/lib/auth/oidc/sign-in-errors";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { getSessionUser } from "@/lib/auth/session-user";
import { appOrigin } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("signIn") };
}

type Props = {
  searchParams: Promise<{ callbackUrl?: string | string[]; reason?: string | string[]; error?: string | string[] }>;
};

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, appOrigin);
  if (await getSessionUser()) redirect(callbackUrl);
  const oidc = oidcSettings && (
    <OidcSignIn
      displayName={oidcSettings.displayName}
      callbackUrl={callbackUrl}
      error={oidcSignInError(typeof params.error === "string" ? params.error : undefined)}
      alone={!directoryConfigured() && !localSignInOffered()}
    />
  );
  return (
    <SignInForm
      callbackUrl={callbackUrl}
      expired={params.reason === "expired"}
      ldapForm={directoryConfigured()}
      localForm={localSignInOffered()}
      directory={oidc}
    />
  );
}
