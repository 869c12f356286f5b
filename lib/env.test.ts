import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function loadEnv(vars: Record<string, string>) {
  vi.resetModules();
  process.env = { ...saved, ...vars };
  return import("@/lib/env");
}

afterEach(() => {
  process.env = { ...saved };
});

describe("env (read and validated once, at start)", () => {
  it("applies the documented defaults", async () => {
    const { env, databaseProvider, appOrigin, secureCookies } = await loadEnv({
      DATABASE_URL: "",
      RATE_LIMIT_STORE: "",
      MAX_BODY_BYTES: "",
      PORT: "",
      HOSTNAME: "",
      APP_URL: "",
      NEXTAUTH_URL: "",
      TRUSTED_PROXIES: "",
      AUTH_SECURE_COOKIES: "",
      NODE_ENV: "development",
    });
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
    expect(databaseProvider).toBe("sqlite");
    expect(env.MAX_BODY_BYTES).toBe(8 * 1024 * 1024);
    expect(env.RATE_LIMIT_STORE).toBe("memory");
    expect(env.PORT).toBe(3000);
    expect(env.HOSTNAME).toBeUndefined();
    expect(env.TRUSTED_PROXIES.entries).toEqual([]);
    expect(appOrigin).toBe("http://localhost:3000");
    expect(secureCookies).toBe(false);
  });

  it("selects PostgreSQL by the URL's scheme", async () => {
    const { databaseProvider } = await loadEnv({ DATABASE_URL: "postgresql://u@db:5432/plant" });
    expect(databaseProvider).toBe("postgresql");
  });

  it("lists everything that is wrong in one message", async () => {
    await expect(
      loadEnv({ DATABASE_URL: "mysql://x", MAX_BODY_BYTES: "lots", RATE_LIMIT_STORE: "etcd", ADMIN_PASSWORD: "short" }),
    ).rejects.toThrow(
      /Invalid environment:\n(?=[\s\S]*DATABASE_URL: must start with file:)(?=[\s\S]*MAX_BODY_BYTES: must be a whole number above 0)(?=[\s\S]*RATE_LIMIT_STORE: must be memory, redis or postgres)(?=[\s\S]*ADMIN_PASSWORD: must be at least 12 characters)/,
    );
  });

  it.each([
    ["LOG_LEVEL", "verbose", "must be debug, info, warn, error or silent"],
    ["PORT", "abc", "must be a port number from 1 to 65535"],
    ["PORT", "70000", "must be a port number from 1 to 65535"],
    ["PORT", "0", "must be a port number from 1 to 65535"],
    ["HOSTNAME", "not a host!", "must be an IP address"],
    ["APP_URL", "processes.plant.example", "must be the public origin"],
    ["APP_URL", "https://processes.plant.example/app", "no path"],
    ["APP_URL", "ftp://processes.plant.example", "http or https"],
    ["APP_URL", "https://user@processes.plant.example", "must be the public origin"],
    ["NEXTAUTH_URL", "javascript:alert(1)", "must be the public origin"],
    ["AUTH_TRUST_HOST", "true", "is not supported"],
    ["TRUSTED_PROXIES", "10.0.0.0/33", '"10.0.0.0/33" is not an IP address or CIDR range'],
    ["SEED_DEMO_DATA", "maybe", "must be one of true, false"],
    ["REDIS_URL", "http://cache:6379", "must be a redis:// or rediss:// URL"],
    ["NEXT_DIST_DIR", "../elsewhere", "must be a folder name inside the project"],
    ["AUTH_SECRET", "short", "must be at least 32 characters"],
    ["NODE_ENV", "staging", "must be development, production or test"],
    ["DB_TIMEOUT_MS", "0", "must be a whole number above 0"],
    ["DB_TIMEOUT_MS", "600000", "must be a whole number of milliseconds up to 60000"],
    ["SESSION_ABSOLUTE_MAX_SECONDS", "12h", "must be a whole number above 0"],
    ["RATE_LIMIT_SIGNIN_ACCOUNT_MAX_DELAY_SECONDS", "-1", "must be a whole number above 0"],
  ])("%s=%s is refused, naming the variable and what is allowed", async (name, value, allowed) => {
    const escaped = allowed.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    await expect(loadEnv({ [name]: value })).rejects.toThrow(new RegExp(`\\n  - ${name}: [^\\n]*${escaped}`));
  });

  it("takes the public origin from APP_URL or NEXTAUTH_URL, and refuses two different ones", async () => {
    expect((await loadEnv({ APP_URL: "https://processes.plant.example/" })).appOrigin).toBe(
      "https://processes.plant.example",
    );
    const fromNextAuth = await loadEnv({ APP_URL: "", NEXTAUTH_URL: "https://processes.plant.example/api/auth" });
    expect(fromNextAuth.appOrigin).toBe("https://processes.plant.example");
    // next-auth reads it back from the environment: it must be ours.
    expect(process.env.NEXTAUTH_URL).toBe("https://processes.plant.example");
    await expect(loadEnv({ APP_URL: "https://a.example", NEXTAUTH_URL: "https://b.example" })).rejects.toThrow(
      "APP_URL: differs from NEXTAUTH_URL",
    );
  });

  it("cookies are Secure when the public origin is https, unless AUTH_SECURE_COOKIES says otherwise", async () => {
    expect((await loadEnv({ APP_URL: "https://processes.plant.example" })).secureCookies).toBe(true);
    expect((await loadEnv({ APP_URL: "http://10.0.0.5:3000" })).secureCookies).toBe(false);
    const lan = await loadEnv({ APP_URL: "https://processes.plant.example", AUTH_SECURE_COOKIES: "false" });
    expect(lan.secureCookies).toBe(false);
  });

  it("the server needs more than the CLI: APP_URL in production, and AUTH_SECRET with PostgreSQL", async () => {
    const cli = await loadEnv({
      NODE_ENV: "production",
      APP_URL: "",
      NEXTAUTH_URL: "",
      AUTH_SECRET: "",
      DATABASE_URL: "postgresql://u@db/plant",
    });
    expect(cli.appOrigin).toBe("");
    expect(cli.serverStartProblems()).toEqual([
      expect.stringContaining("APP_URL: required in production"),
      expect.stringContaining("AUTH_SECRET: required with PostgreSQL in production"),
    ]);
    const ready = await loadEnv({ NODE_ENV: "production", APP_URL: "https://p.example", DATABASE_URL: "file:x.db" });
    expect(ready.serverStartProblems()).toEqual([]);
  });
});
