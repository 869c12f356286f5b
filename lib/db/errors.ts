// Errors that mean "the database did not answer or failed", as opposed to a bug in our code or bad data.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "EHOSTUNREACH",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "SQLITE_CORRUPT",
  "SQLITE_NOTADB",
  // Prisma: P1xxx cannot reach or authenticate; P2024 pool timeout; P2028 transaction API; P2034 write conflict.
  "P2024",
  "P2028",
  "P2034",
  // PostgreSQL: lock_timeout passed (lib/db/postgres-pool.ts).
  "55P03",
]);

// Driver adapter error kinds (@prisma/driver-adapter-utils) that are about the connection.
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "ConnectionClosed",
  "SocketTimeout",
  "TlsConnectionError",
  "AuthenticationFailed",
  "TooManyConnections",
  "TransactionWriteConflict",
  "TransactionAlreadyClosed",
]);

function isConnectionCode(code: unknown): boolean {
  if (typeof code !== "string") return false;
  // PostgreSQL SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention), 40 (rollback).
  return (
    CONNECTION_CODES.has(code) ||
    /^SQLITE_(IOERR|FULL|CANTOPEN)_/.test(code) ||
    /^P1\d{3}$/.test(code) ||
    /^(08|53|57|40)[0-9A-Z]{3}$/.test(code)
  );
}

// Raw queries report driver failures as P2010 with the driver's message; these mean "unreachable".
const CONNECTION_MESSAGE =
  /Can't reach database server|Connection terminated|Connection closed|connect ECONNREFUSED|timeout exceeded when trying to connect|timeout expired|Query read timeout|not queryable|database is locked|database or disk is full|disk I\/O error/i;

type Inner = { cause?: unknown; meta?: { driverAdapterError?: unknown } };
const inner = (e: object) => (e as Inner).cause ?? (e as Inner).meta?.driverAdapterError;

export function isDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = inner(e), depth++) {
    const { name, code, kind, message } = e as { name?: unknown; code?: unknown; kind?: unknown; message?: unknown };
    if (name === "PrismaClientInitializationError" || name === "PrismaClientRustPanicError") return true;
    if (isConnectionCode(code) || (typeof kind === "string" && ADAPTER_KINDS.has(kind))) return true;
    if (typeof message === "string" && CONNECTION_MESSAGE.test(message)) return true;
  }
  return false;
}
