import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sqliteFilePath } from "@/lib/db/url";
import { databaseProvider, env } from "@/lib/env";

/**
 * The key that signs and encrypts session cookies. AUTH_SECRET when set; on the embedded SQLite default
 * a random key kept beside the database file (so sessions survive restarts with nothing to configure);
 * with PostgreSQL (several instances must share it) AUTH_SECRET is required in production.
 */
function loadAuthSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (databaseProvider === "sqlite") {
    const file = path.join(path.dirname(sqliteFilePath(env.DATABASE_URL)), ".auth-secret");
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    }
    return readFileSync(file, "utf8").trim();
  }
  if (env.NODE_ENV === "production") {
    throw new Error(
      "AUTH_SECRET must be set (32+ characters, the same on every instance) when DATABASE_URL is PostgreSQL",
    );
  }
  return randomBytes(32).toString("base64url");
}

export const authSecret = loadAuthSecret();
