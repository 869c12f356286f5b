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
    const { env, databaseProvider } = await loadEnv({ DATABASE_URL: "", RATE_LIMIT_STORE: "", MAX_BODY_BYTES: "" });
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
    expect(databaseProvider).toBe("sqlite");
    expect(env.MAX_BODY_BYTES).toBe(8 * 1024 * 1024);
    expect(env.RATE_LIMIT_STORE).toBe("memory");
  });

  it("selects PostgreSQL by the URL's scheme", async () => {
    const { databaseProvider } = await loadEnv({ DATABASE_URL: "postgresql://u@db:5432/plant" });
    expect(databaseProvider).toBe("postgresql");
  });

  it("lists everything that is wrong in one message", async () => {
    await expect(
      loadEnv({ DATABASE_URL: "mysql://x", MAX_BODY_BYTES: "lots", RATE_LIMIT_STORE: "etcd", ADMIN_PASSWORD: "short" }),
    ).rejects.toThrow(
      /Invalid environment:\n(?=[\s\S]*DATABASE_URL: must start with file:)(?=[\s\S]*MAX_BODY_BYTES)(?=[\s\S]*RATE_LIMIT_STORE)(?=[\s\S]*ADMIN_PASSWORD)/,
    );
  });
});
