import { z } from "zod";
import {
  bool,
  duration,
  ipRanges,
  ldapProblems,
  ldapSettings,
  listenHost,
  port,
  positiveInt,
  protectedSetting,
  publicOrigin,
  reasonList,
} from "@/lib/env-rules";
import { deliverySettings } from "@/lib/env-rules";
import { issuerUrl, oidcSettingProblems, roleMap, scopes } from "@/lib/env-rules";
import { isDatabaseUrl, providerForUrl, type DatabaseProvider } from "@/lib/db/url";

// The one place that reads process.env: validated once, at first import (server start, CLI start).
const schema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], { error: "must be development, production or test" })
    .default("development"),
  DATABASE_URL: z.string().default("file:./data/app.db").refine(isDatabaseUrl, {
    message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
  }),
  // Read by the server (server.ts) for where it listens, as `next start` would.
  PORT: port.default(3000),
  HOSTNAME: listenHost.optional(),
  // The public origin: sign-in redirects and the same-origin check of cookie writes compare with it, never
  // with a request's Host. NEXTAUTH_URL (next-auth's name for it) may give it instead.
  APP_URL: publicOrigin({ allowPath: false }).optional(),
  NEXTAUTH_URL: publicOrigin({ allowPath: true }).optional(),
  // next-auth would then build redirects from the request's Host header.
  AUTH_TRUST_HOST: z.never({ error: "is not supported: redirects use APP_URL; unset AUTH_TRUST_HOST" }).optional(),
  TRUSTED_PROXIES: ipRanges.prefault(""),
  SEED_DEMO_DATA: bool.default(true),
  MAX_BODY_BYTES: positiveInt.default(8 * 1024 * 1024),
  // The deadline of one database statement (client and server side) and of SQLite's wait for a lock; getting
  // a connection (pooled or new) has half of it. A stalled database is thus answered 1006 within 1.5 times this.
  DB_TIMEOUT_MS: positiveInt
    .max(60_000, { error: "must be a whole number of milliseconds up to 60000" })
    .default(3_000),
  LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error", "silent"], { error: "must be debug, info, warn, error or silent" })
    .default("info"),
  AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  // Idle limit: each visit renews the cookie for this long. The absolute limit counts from sign-in and no
  // renewal moves it.
  SESSION_MAX_AGE_SECONDS: positiveInt.default(8 * 60 * 60),
  SESSION_ABSOLUTE_MAX_SECONDS: positiveInt.default(12 * 60 * 60),
  // Unset: Secure cookies when APP_URL is https. A plant LAN served over plain HTTP has them off.
  AUTH_SECURE_COOKIES: bool.optional(),
  ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
  ADMIN_PASSWORD: z.string().min(12, { error: "must be at least 12 characters" }).optional(),
  RATE_LIMIT_STORE: z
    .enum(["memory", "redis", "postgres"], { error: "must be memory, redis or postgres" })
    .default("memory"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/./, { error: "must be a redis:// or rediss:// URL" })
    .default("redis://127.0.0.1:6379"),
  // Keeps counters of separate deployments (or test runs) apart in a shared store.
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,40}$/, { error: "must be 1 to 40 letters, digits or _" })
    .default("rl"),
  RATE_LIMIT_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "must be a postgresql:// URL" })
    .optional(),
  RATE_LIMIT_API_POINTS: positiveInt.default(600),
  RATE_LIMIT_API_WINDOW_SECONDS: positiveInt.default(60),
  // The hot API routes answered by the server without Next's routing frame (docs/decisions/046); off: all via Next.
  API_DIRECT_ROUTES: bool.default(true),
  // What a caller's writes may store per hour, history included (estimated before each write).
  WRITE_BUDGET_BYTES_PER_HOUR: positiveInt.default(500_000_000),
  // Failed sign-ins (a correct password is never counted): free ones per address + email, then a wait that
  // starts at RATE_LIMIT_SIGNIN_DELAY_SECONDS and doubles with each further failure. Per email across all
  // addresses the wait is capped low, so that someone else's guesses cannot lock a person out.
  RATE_LIMIT_SIGNIN_POINTS: positiveInt.default(5),
  RATE_LIMIT_SIGNIN_WINDOW_SECONDS: positiveInt.default(15 * 60),
  RATE_LIMIT_SIGNIN_DELAY_SECONDS: positiveInt.default(30),
  RATE_LIMIT_SIGNIN_MAX_DELAY_SECONDS: positiveInt.default(15 * 60),
  RATE_LIMIT_SIGNIN_ACCOUNT_POINTS: positiveInt.default(20),
  RATE_LIMIT_SIGNIN_ACCOUNT_MAX_DELAY_SECONDS: positiveInt.default(60),
  // Open event streams (GET /api/v1/processes/events) per caller (token or user) and in all, on this instance;
  // a page holds one per browser tab. A stream whose reader falls this many bytes behind is closed (it resumes).
  EVENT_STREAMS_PER_CALLER: positiveInt.default(20),
  EVENT_STREAMS_PER_INSTANCE: positiveInt.default(1_000),
  EVENT_STREAM_QUEUE_BYTES: positiveInt.default(1024 * 1024),
  // Every sign-in attempt from one address (IPv6: its /64), whatever the email, counted before any hashing.
  RATE_LIMIT_SIGNIN_ADDRESS_POINTS: positiveInt.default(30),
  RATE_LIMIT_SIGNIN_ADDRESS_WINDOW_SECONDS: positiveInt.default(60),
  // A browser that signed in for an email before (its device cookie) skips the per-email waits and meets
  // its own: this many free failures, then the same doubling waits.
  RATE_LIMIT_SIGNIN_DEVICE_POINTS: positiveInt.default(10),
  AUTH_DEVICE_COOKIE_DAYS: positiveInt.max(400, { error: "must be a whole number of days from 1 to 400" }).default(90),
  // Password hashing runs in worker threads beside the requests: this many at once, this many waiting.
  SIGNIN_HASH_WORKERS: positiveInt.max(16, { error: "must be a whole number from 1 to 16" }).default(1),
  SIGNIN_HASH_QUEUE: z.coerce
    .number({ error: "must be a whole number from 0 to 1000" })
    .int({ error: "must be a whole number from 0 to 1000" })
    .min(0, { error: "must be a whole number from 0 to 1000" })
    .max(1000, { error: "must be a whole number from 0 to 1000" })
    .default(8),
  // History retention for `npm run cli -- history:prune` (run it daily); unset: keep everything, as audits need.
  HISTORY_RETENTION_DAYS: positiveInt.optional(),
  // How often each instance verifies the tamper-evident trail whole (lib/trail/trail-schedule.ts); 0: never.
  TRAIL_VERIFY_INTERVAL_SECONDS: z.coerce
    .number({ error: "must be a whole number of seconds from 0 (off) to 604800 (a week)" })
    .int({ error: "must be a whole number of seconds from 0 (off) to 604800 (a week)" })
    .min(0, { error: "must be a whole number of seconds from 0 (off) to 604800 (a week)" })
    .max(604_800, { error: "must be a whole number of seconds from 0 (off) to 604800 (a week)" })
    .default(3600),
  // /api/health warns (storage.warnings) when the SQLite volume has less free space than this, or the
  // database (either provider) has grown past DATABASE_SIZE_WARN_MB (unset: no size warning).
  DISK_FREE_WARN_MB: positiveInt.default(1024),
  DATABASE_SIZE_WARN_MB: positiveInt.optional(),
  // Single sign-on through an OIDC provider (lib/auth/oidc/): on when issuer, client and role map are all set.
  OIDC_ISSUER: issuerUrl.optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_CLIENT_AUTH_METHOD: z
    .enum(["client_secret_basic", "client_secret_post"], {
      error: "must be client_secret_basic or client_secret_post",
    })
    .default("client_secret_basic"),
  // The button's "Sign in with …"; unset, the page says "single sign-on" in its language.
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(60, { error: "must be 1 to 60 characters" }).optional(),
  OIDC_ROLE_CLAIM: z
    .string()
    .regex(/^[^\s]{1,200}$/, { error: "must be a claim name or a dotted path such as realm_access.roles" })
    .default("roles"),
  OIDC_ROLE_MAP: roleMap.optional(),
  OIDC_SCOPES: scopes.default("openid email profile"),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_INTERVAL: duration(10).default(24 * 3_600_000),
  BACKUP_KEEP: positiveInt.max(1000, { error: "must be a whole number from 1 to 1000" }).default(7),
  METRICS_TOKEN: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  METRICS_ALLOW: ipRanges.optional(),
  // Change control's initial policy (docs/decisions/032-change-control.md): what applies until a Super user saves
  // the policy on /settings/change-control; from then on the database's copy wins. Everything off by default.
  CHANGE_REASON: z.enum(["off", "optional", "required"], { error: "must be off, optional or required" }).default("off"),
  CHANGE_REASONS: reasonList.prefault(""),
  CHANGE_SIGNATURES: bool.default(false),
  CHANGE_PROTECTED: protectedSetting.prefault("none"),
  // Four-eyes approval of changes to protected processes (docs/decisions/043-four-eyes-approval.md).
  CHANGE_APPROVAL: bool.default(false),
  BENCH_CEILING_ROUTE: bool.default(false),
  // Read by next.config.js (the build folder); checked here so that a wrong one stops the start.
  NEXT_DIST_DIR: z
    .string()
    .regex(/^(?!.*\.\.)[A-Za-z0-9._/-]+$/, { error: "must be a folder name inside the project, such as .next" })
    .default(".next"),
  ...ldapSettings,
  ...deliverySettings,
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
  if (parsed.success && parsed.data.APP_URL && parsed.data.NEXTAUTH_URL) {
    if (parsed.data.APP_URL !== parsed.data.NEXTAUTH_URL)
      problems.push(
        `  - APP_URL: differs from NEXTAUTH_URL (${parsed.data.NEXTAUTH_URL}); set one of them, or both alike`,
      );
  }
  if (parsed.success) problems.push(...ldapProblems(parsed.data).map((p) => `  - ${p}`));
  if (parsed.success) problems.push(...oidcSettingProblems(parsed.data).map((p) => `  - ${p}`));
  if (!parsed.success || problems.length > 0) throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  return parsed.data;
}

export const env = load();

/**
 * The origin browsers reach the app at. Outside production it defaults to http://localhost:PORT; in
 * production the server does not start without it (serverStartProblems). "" (never equal to an origin)
 * only where a CLI runs in production without it.
 */
export const appOrigin: string =
  env.APP_URL ?? env.NEXTAUTH_URL ?? (env.NODE_ENV === "production" ? "" : `http://localhost:${env.PORT}`);

// next-auth reads its origin from the environment itself; it must be ours, never a request's Host.
if (appOrigin) process.env.NEXTAUTH_URL = appOrigin;

export const secureCookies = env.AUTH_SECURE_COOKIES ?? appOrigin.startsWith("https:");

export type { DatabaseProvider };

export const databaseProvider: DatabaseProvider = providerForUrl(env.DATABASE_URL);

/** What the server needs beyond the CLI's settings; each line names the variable and what it must be. */
export function serverStartProblems(): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === "production" && !appOrigin)
    problems.push("APP_URL: required in production: the public origin, such as https://processes.plant.example");
  if (env.NODE_ENV === "production" && databaseProvider === "postgresql" && !env.AUTH_SECRET)
    problems.push("AUTH_SECRET: required with PostgreSQL in production (32+ characters, the same on every instance)");
  return problems.map((p) => `  - ${p}`);
}
