import { afterEach, describe, expect, it, vi } from "vitest";

// The settings of issue 24: scheduled backups and who may read the metrics.

const saved = { ...process.env };
async function loadEnv(vars: Record<string, string>) {
  vi.resetModules();
  process.env = { ...saved, ...vars };
  return (await import("@/lib/env")).env;
}
afterEach(() => {
  process.env = { ...saved };
});

describe("backup and metrics settings", () => {
  it("defaults: no scheduled backups (one a day, seven kept once BACKUP_DIR is set), metrics off", async () => {
    const env = await loadEnv({
      BACKUP_DIR: "",
      BACKUP_INTERVAL: "",
      BACKUP_KEEP: "",
      METRICS_TOKEN: "",
      METRICS_ALLOW: "",
    });
    expect([env.BACKUP_DIR, env.BACKUP_INTERVAL, env.BACKUP_KEEP, env.METRICS_TOKEN, env.METRICS_ALLOW]).toEqual([
      undefined,
      86_400_000,
      7,
      undefined,
      undefined,
    ]);
  });

  it.each([
    ["90s", 90_000],
    ["30m", 1_800_000],
    ["6h", 21_600_000],
    ["2d", 172_800_000],
  ])("BACKUP_INTERVAL=%s is %i ms", async (value, ms) => {
    expect((await loadEnv({ BACKUP_INTERVAL: value })).BACKUP_INTERVAL).toBe(ms);
  });

  it.each([
    ["BACKUP_INTERVAL", "5s", /BACKUP_INTERVAL: must be at least 10 seconds/],
    ["BACKUP_INTERVAL", "1 h", /BACKUP_INTERVAL: must be a number and a unit/],
    ["BACKUP_INTERVAL", "0h", /BACKUP_INTERVAL: must be a number and a unit/],
    ["BACKUP_INTERVAL", "3600", /BACKUP_INTERVAL: must be a number and a unit/],
    ["BACKUP_KEEP", "0", /BACKUP_KEEP: must be a whole number above 0/],
    ["METRICS_TOKEN", "short", /METRICS_TOKEN: must be at least 32 characters/],
    ["METRICS_ALLOW", "10.0.0.0/8, not-an-address", /METRICS_ALLOW/],
  ])("%s=%j stops the start", async (name, value, message) => {
    await expect(loadEnv({ [name]: value })).rejects.toThrow(message);
  });

  it("METRICS_ALLOW takes addresses and ranges", async () => {
    const allow = (await loadEnv({ METRICS_ALLOW: "127.0.0.1, 10.0.0.0/8" })).METRICS_ALLOW!;
    expect([allow.contains("127.0.0.1"), allow.contains("10.2.3.4"), allow.contains("192.168.0.1")]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
