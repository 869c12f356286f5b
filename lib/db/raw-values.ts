import "server-only";

// Values of a raw query ($queryRawUnsafe) as each provider gives them: SQLite booleans as 0/1 and times as text
// (or numbers), PostgreSQL booleans and Dates.

export const rawBoolean = (value: unknown): boolean => value === true || Number(value) === 1;

export const rawDate = (value: unknown): Date =>
  value instanceof Date ? value : new Date(typeof value === "number" ? value : String(value));
