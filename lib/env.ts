import { z } from "zod";
import { isDatabaseUrl, providerForUrl, type DatabaseProvider } from "@/lib/db/url";

// The one place that reads process.env: validated once, at first import (server start, CLI start).
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("file:./data/app.db").refine(isDatabaseUrl, {
    message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
  }),
  SEED_DEMO_DATA: bool.default(true),
  MAX_BODY_BYTES: positiveInt.default(8 * 1024 * 1024),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  AUTH_SECRET: z.string().min(32).optional(),
  SESSION_MAX_AGE_SECONDS: positiveInt.default(8 * 60 * 60),
  // Unset: Secure cookies in production. A plant LAN served over plain HTTP sets it to false.
  AUTH_SECURE_COOKIES: bool.optional(),
  // The app's public URL, for next-auth's redirects; unset, the Host header of each request is used.
  NEXTAUTH_URL: z.url().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  RATE_LIMIT_STORE: z.enum(["memory", "redis", "postgres"]).default("memory"),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  // Keeps counters of separate deployments (or test runs) apart in a shared store.
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,40}$/)
    .default("rl"),
  RATE_LIMIT_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional(),
  RATE_LIMIT_API_POINTS: positiveInt.default(600),
  RATE_LIMIT_API_WINDOW_SECONDS: positiveInt.default(60),
  RATE_LIMIT_SIGNIN_POINTS: positiveInt.default(10),
  RATE_LIMIT_SIGNIN_WINDOW_SECONDS: positiveInt.default(15 * 60),
  BENCH_CEILING_ROUTE: bool.default(false),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = load();

// next-auth reads its origin from the environment itself: without a configured URL it must trust the
// Host header, or every sign-in redirect breaks on a fresh install.
if (!env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

export const secureCookies = env.AUTH_SECURE_COOKIES ?? env.NODE_ENV === "production";

export type { DatabaseProvider };

export const databaseProvider: DatabaseProvider = providerForUrl(env.DATABASE_URL);
