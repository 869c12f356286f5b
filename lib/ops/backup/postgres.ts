import { spawn } from "node:child_process";
import pg from "pg";
import type { DatabaseFacts } from "./sqlite";

// PostgreSQL's side, through the client programs of the database's own release (postgresql-client): pg_dump in
// its custom format for the copy, pg_restore and psql to put it back.

const PG_CLIENT_HINT = "install PostgreSQL's client programs: apt-get install -y postgresql-client";
// libpq's URL parameters; Prisma's own (schema, connection_limit, …) would make the programs refuse the URL.
const LIBPQ_PARAMS = new Set([
  "sslmode",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "sslcrl",
  "application_name",
  "connect_timeout",
  "options",
  "target_session_attrs",
]);

/** The URL for the client programs, and the password apart (in PGPASSWORD, never on a command line that `ps` shows). */
export function clientConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  for (const key of [...u.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) u.searchParams.delete(key);
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** The database a URL names, for messages: host, port and name, never the password. */
export function describePostgresUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL database "${decodeURIComponent(u.pathname.slice(1))}" on ${u.hostname}:${u.port || "5432"}`;
}

/** Runs a client program; rejects with its own message (or how to install it) when it fails. */
export function runClientProgram(program: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? `${program} was not found: ${PG_CLIENT_HINT}` : error.message)),
    );
    child.once("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${program} failed (exit ${code}): ${err.trim()}`)),
    );
  });
}

async function factsIn(client: pg.Client): Promise<DatabaseFacts> {
  const tables = (
    await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
  ).rows.map((t) => t.name);
  const migrations = tables.includes("_prisma_migrations")
    ? (
        await client.query<{ name: string }>(
          "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1",
        )
      ).rows.map((m) => m.name)
    : [];
  const rows: Record<string, number> = {};
  for (const table of tables.filter((t) => t !== "_prisma_migrations"))
    rows[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);
  return { migrations, rows };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  await client.connect();
  return client;
}

export async function postgresFacts(url: string): Promise<DatabaseFacts> {
  const client = await connect(url);
  try {
    return await factsIn(client);
  } finally {
    await client.end();
  }
}

/**
 * pg_dump of the database into `target`, and the facts of the very snapshot it copied: a repeatable-read
 * transaction exports its snapshot, reads the migrations and counts in it, and pg_dump dumps that snapshot.
 */
export async function dumpPostgres(url: string, target: string): Promise<DatabaseFacts & { madeBy: string }> {
  const { dbname, env } = clientConnection(url);
  const madeBy = (await runClientProgram("pg_dump", ["--version"], env)).trim();
  const client = await connect(url);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const facts = await factsIn(client);
    await runClientProgram(
      "pg_dump",
      [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--snapshot=${snapshot}`,
        `--file=${target}`,
        `--dbname=${dbname}`,
      ],
      env,
    );
    await client.query("COMMIT");
    return { ...facts, madeBy };
  } finally {
    await client.end();
  }
}

/**
 * Replaces everything in the database's public schema with the dump, in one transaction: pg_restore writes its
 * script first (a damaged dump fails there, before anything is touched), then psql runs the drop and the script
 * with --single-transaction and stops at the first error, which undoes all of it.
 */
export async function restorePostgres(url: string, dump: string, scriptFile: string): Promise<void> {
  const { dbname, env } = clientConnection(url);
  await runClientProgram("pg_restore", ["--no-owner", "--no-privileges", `--file=${scriptFile}`, dump], env);
  await runClientProgram(
    "psql",
    [
      "--quiet",
      "--no-psqlrc",
      "--single-transaction",
      "-v",
      "ON_ERROR_STOP=1",
      `--dbname=${dbname}`,
      "-c",
      "DROP SCHEMA IF EXISTS public CASCADE",
      "-c",
      "CREATE SCHEMA public",
      "-f",
      scriptFile,
    ],
    env,
  );
}
