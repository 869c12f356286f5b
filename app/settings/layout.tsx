import type { ReactNode } from "react";
import { SettingsShell } from "@/components/settings/settings-shell";
import { getSessionUser } from "@/lib/auth/session-user";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  // Signed out: the page itself redirects to sign-in, since only it knows its own path for callbackUrl.
  if (!user) return children;
  return <SettingsShell user={user}>{children}</SettingsShell>;
}
