import { describe, expect, it } from "vitest";
import { databaseErrorKind } from "@/lib/metrics/request-metrics";

describe("the kind of a database failure, for plant_processes_database_errors_total", () => {
  it.each([
    ["a full disk, whatever the message", new Error("SQLITE_IOERR"), true, "disk_full"],
    ["a statement past its client-side deadline", new Error("Query read timeout"), false, "timeout"],
    ["a pool that gave no connection in time", Object.assign(new Error("pool"), { code: "P2024" }), false, "timeout"],
    ["PostgreSQL's lock_timeout", Object.assign(new Error("canceling statement"), { code: "55P03" }), false, "timeout"],
    ["a refused connection", new Error("connect ECONNREFUSED 127.0.0.1:5432"), false, "unreachable"],
    ["a dropped connection", new Error("Connection terminated unexpectedly"), false, "unreachable"],
    ["Prisma unable to reach the server", Object.assign(new Error("x"), { code: "P1001" }), false, "unreachable"],
    ["anything else", new Error("SQLITE_CORRUPT: database disk image is malformed"), false, "other"],
    ["something that is no Error", "boom", false, "other"],
  ])("%s is %s", (_, error, diskFull, kind) => {
    expect(databaseErrorKind(error, diskFull)).toBe(kind);
  });
});
