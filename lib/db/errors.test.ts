import { describe, expect, it } from "vitest";
import { isDatabaseError } from "@/lib/db/errors";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
const named = (name: string) => Object.assign(new Error("x"), { name });

describe("isDatabaseError (what maps to 1006)", () => {
  it.each([
    ["a refused connection", withCode("ECONNREFUSED")],
    ["a reset connection", withCode("ECONNRESET")],
    ["a busy SQLite file", withCode("SQLITE_BUSY")],
    ["PostgreSQL shutting down (57P01)", withCode("57P01")],
    ["PostgreSQL connection failure (08006)", withCode("08006")],
    ["too many connections (53300)", withCode("53300")],
    [
      "Prisma cannot reach the server (P1001)",
      Object.assign(named("PrismaClientKnownRequestError"), { code: "P1001" }),
    ],
    ["a Prisma pool timeout (P2024)", Object.assign(named("PrismaClientKnownRequestError"), { code: "P2024" })],
    ["Prisma failing to start", named("PrismaClientInitializationError")],
    [
      "an adapter that lost its connection",
      Object.assign(named("DriverAdapterError"), { cause: { kind: "ConnectionClosed" } }),
    ],
    ["a terminated connection", new Error("Connection terminated unexpectedly")],
    [
      "a raw query that could not reach the server (P2010)",
      Object.assign(named("PrismaClientKnownRequestError"), {
        code: "P2010",
        message: "Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5432`",
      }),
    ],
    ["a pool that timed out connecting", new Error("timeout exceeded when trying to connect")],
    ["a handshake past its deadline", new Error("timeout expired")],
    ["a statement past its client-side deadline", new Error("Query read timeout")],
    ["a statement past statement_timeout (57014)", withCode("57014")],
    ["a lock past lock_timeout (55P03)", withCode("55P03")],
    ["a dropped connection used again", new Error("Client was closed and is not queryable")],
    ["a full disk under SQLite", withCode("SQLITE_FULL", "database or disk is full")],
    ["a full disk as the adapter words it", new Error("database or disk is full")],
    ["a cause two levels down", new Error("outer", { cause: new Error("mid", { cause: withCode("ETIMEDOUT") }) })],
  ])("%s is a database error", (_, error) => {
    expect(isDatabaseError(error)).toBe(true);
  });

  it.each([
    ["a TypeError", new TypeError("x is undefined")],
    ["a unique violation (23505)", withCode("23505")],
    ["a Prisma unique violation (P2002)", Object.assign(named("PrismaClientKnownRequestError"), { code: "P2002" })],
    ["a Prisma validation error (a bug)", named("PrismaClientValidationError")],
    [
      "a raw query with bad SQL (P2010)",
      Object.assign(named("PrismaClientKnownRequestError"), {
        code: "P2010",
        message: "Raw query failed. Code: `42601`. Message: `syntax error`",
      }),
    ],
    ["a string", "boom"],
    ["null", null],
  ])("%s is not", (_, error) => {
    expect(isDatabaseError(error)).toBe(false);
  });
});
