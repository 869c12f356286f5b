// Errors that mean "the database did not answer or failed", as opposed to a bug in our code.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH",
  "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_READONLY",
  "SQLITE_CORRUPT", "SQLITE_NOTADB",
]);

function codeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

export function isDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === "string" && (name.startsWith("PrismaClient") || name === "DriverAdapterError")) return true;
    const code = codeOf(e);
    // PostgreSQL SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention), 40 (rollback).
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || /^(08|53|57|40)[0-9A-Z]{3}$/.test(code))) return true;
    if (e instanceof Error && /Connection terminated|connect ECONNREFUSED|database is locked/i.test(e.message)) return true;
  }
  return false;
}
