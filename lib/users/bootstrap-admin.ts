import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { countUsers, createUser } from "@/lib/users/users";

/** A setting is missing: retrying cannot help, so the server stops with this message. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/**
 * The first start with no user creates a Super user: from ADMIN_EMAIL/ADMIN_PASSWORD, or outside
 * production with a generated password, returned so that it is printed once. Never a fixed password.
 */
export async function bootstrapAdmin(options: {
  allowGenerated: boolean;
}): Promise<{ created: false } | { created: true; email: string; generatedPassword?: string }> {
  if ((await countUsers()) > 0) return { created: false };
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    await createUser({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, role: "Super user" });
    return { created: true, email: env.ADMIN_EMAIL };
  }
  if (!options.allowGenerated) {
    throw new ConfigurationError(
      "No user exists: set ADMIN_EMAIL and ADMIN_PASSWORD (12+ characters) for the first Super user, " +
        "or create one with `npm run cli -- users:create`",
    );
  }
  const email = env.ADMIN_EMAIL ?? "admin@localhost.localdomain";
  const generatedPassword = randomBytes(18).toString("base64url");
  await createUser({ email, password: generatedPassword, role: "Super user" });
  return { created: true, email, generatedPassword };
}
